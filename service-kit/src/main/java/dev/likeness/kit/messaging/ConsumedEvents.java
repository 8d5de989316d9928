package dev.likeness.kit.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.likeness.kit.retention.RetentionConfig;
import dev.likeness.kit.retention.RetentionRule;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The events each consumer has applied, recorded in the transaction that applied them, and kept
 * as long as Kafka could deliver them again: a record older than the topics' retention can meet
 * no redelivery, so it is deleted by the retention rule {@code consumed-events}
 * ({@code likeness.retention.consumed-events}).
 */
@ApplicationScoped
public class ConsumedEvents {

    /** True the first time {@code consumer} sees the event; must run in the effect's transaction. */
    public Uni<Boolean> firstDelivery(String consumer, IncomingEvent event) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO consumed_event (consumer, source, id, type) VALUES (?1, ?2, ?3, ?4)
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, consumer)
                .setParameter(2, event.source())
                .setParameter(3, event.id())
                .setParameter(4, event.type())
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    @Produces
    @Singleton
    static RetentionRule retention(RetentionConfig config) {
        return RetentionRule.deleting("consumed-events", "consumed event ids",
                "a redelivery is recognised as long as Kafka may deliver the event again (the topics keep 7 days)",
                config.consumedEvents(), "consumed_event", "consumed_at < $1");
    }
}
