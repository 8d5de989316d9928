package dev.likeness.kit.messaging;

import java.time.Clock;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The events each consumer has applied, recorded in the transaction that applied them, and kept
 * as long as Kafka could deliver them again: a record older than the topics' retention can meet
 * no redelivery, so it is purged ({@code likeness.messaging.consumed-retention}).
 */
@ApplicationScoped
public class ConsumedEvents {

    private static final Logger LOG = Logger.getLogger(ConsumedEvents.class);

    @Inject Pool database;
    @Inject MessagingConfig config;
    @Inject Clock clock;

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

    /** Deletes the records past retention. */
    @Scheduled(every = "${likeness.messaging.purge-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> purge() {
        OffsetDateTime before = OffsetDateTime.now(clock).minus(config.consumedRetention());
        return database.preparedQuery("DELETE FROM consumed_event WHERE consumed_at < $1").execute(Tuple.of(before))
                .invoke(deleted -> LOG.debugf("Purged %d consumed events recorded before %s", deleted.rowCount(), before))
                .replaceWithVoid();
    }
}
