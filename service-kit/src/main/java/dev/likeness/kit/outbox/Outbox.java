package dev.likeness.kit.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.kit.time.Clocks;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records events in the caller's transaction: they reach Kafka if and only if the change
 * commits. Write the event after the change has locked its rows (e.g. bumped the likeness'
 * revision), so events of one likeness are numbered in commit order.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;
    private final String topic;
    private final String source;

    @Inject Clock clock;

    Outbox(ObjectMapper json, EventsConfig events) {
        this.json = json;
        this.topic = events.topic();
        this.source = events.source();
    }

    /** Must be called inside {@code Panache.withTransaction}. */
    public Uni<Void> append(DomainEvent event) {
        String data = serialised(event);
        OffsetDateTime time = Clocks.micros(clock);
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO outbox_event (id, topic, partition_key, type, source, subject, time, data)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(cast(?8 AS text) AS jsonb))""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, topic)
                .setParameter(3, event.key())
                .setParameter(4, event.type())
                .setParameter(5, source)
                .setParameter(6, event.subject())
                .setParameter(7, time)
                .setParameter(8, data)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** The same for work done on the reactive pool: {@code transaction} must be in a transaction. */
    public Uni<Void> append(SqlClient transaction, List<? extends DomainEvent> events) {
        OffsetDateTime time = Clocks.micros(clock);
        return transaction.preparedQuery("""
                        INSERT INTO outbox_event (id, topic, partition_key, type, source, subject, time, data)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, cast(cast($8 AS text) AS jsonb))""")
                .executeBatch(events.stream().map(event -> Tuple.from(new Object[] {UUID.randomUUID(), topic, event.key(), event.type(),
                        source, event.subject(), time, serialised(event)})).toList())
                .replaceWithVoid();
    }

    private String serialised(DomainEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data is not serialisable: " + event.type(), e);
        }
    }
}
