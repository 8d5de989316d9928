package dev.likeness.kit.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The events each consumer has applied, recorded in the transaction that applied them. */
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
}
