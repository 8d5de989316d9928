package dev.likeness.devstack.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.kit.outbox.OutboxRelay;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What every service's transactional outbox promises, checked against the real broker: each
 * committed change reaches Kafka once, as a CloudEvent that the CloudEvents SDK reads, also when
 * the relay stops or crashes. Each service's {@code OutboxRelayTest} extends it with one change
 * of its own; the static helpers serve its other tests.
 */
public abstract class OutboxContract {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofSeconds(3);

    /** The records for {@code key}, after waiting for {@code expected} and settling for duplicates. */
    public static List<ConsumerRecord<String, String>> published(String topic, String key, int expected) {
        return Events.read(topic, Events.withKey(key), expected, WAIT, SETTLE);
    }

    /** Exactly one record for the key, decoded by the CloudEvents SDK's Kafka binding, its data valid for its schema. */
    public static CloudEvent publishedOnce(String topic, String key, String type, String source) {
        List<ConsumerRecord<String, String>> records = published(topic, key, 1);
        assertEquals(1, records.size(), "events published for " + key);
        ConsumerRecord<String, String> record = records.get(0);
        CloudEvent event;
        try (CloudEventDeserializer sdk = new CloudEventDeserializer()) {
            event = sdk.deserialize(record.topic(), record.headers(), record.value().getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(SpecVersion.V1, event.getSpecVersion());
        assertEquals(type, event.getType());
        assertEquals(URI.create(source), event.getSource());
        assertEquals("application/json", event.getDataContentType());
        assertNotNull(event.getId());
        assertNotNull(event.getTime());
        EventSchemas.assertValid(event);
        return event;
    }

    @Inject OutboxRelay relay;
    @Inject Pool database;
    @Inject ObjectMapper json;

    private final String topic;
    private final String type;

    /** A service's test: the topic it publishes to, and the type of the event {@link #change()} causes. */
    protected OutboxContract(String topic, String type) {
        this.topic = topic;
        this.type = type;
    }

    /** Makes a change that publishes exactly one event of the type, and returns the event's Kafka key. */
    protected abstract String change();

    /** What the service promises of that event's CloudEvents subject and its data. */
    protected abstract void assertPublished(String key, String subject, JsonNode data);

    @Test
    void aChangeIsPublishedOnceAsACloudEvent() throws IOException {
        String key = change();
        CloudEvent event = publishedOnce(topic, key, type, "/" + ConfigProvider.getConfig().getValue("quarkus.application.name", String.class));
        assertPublished(key, event.getSubject(), json.readTree(event.getData().toBytes()));
    }

    /** Events committed while the relay is stopped wait in the outbox, then go out once. */
    @Test
    void changesWhileTheRelayIsStoppedArePublishedOnceItRestarts() {
        String key;
        relay.stop();
        try {
            key = change();
            assertEquals(0, Events.read(topic, Events.withKey(key), 1, SETTLE, Duration.ZERO).size(),
                    "nothing published while the relay is stopped");
        } finally {
            relay.start();
        }
        assertEquals(1, published(topic, key, 1).size(), "published once after the restart");
    }

    /**
     * Puts back the outbox row of an event already on Kafka, as a crash between the Kafka commit
     * and the row's deletion leaves it, restarts the relay, and checks the row is dropped, not republished.
     */
    @Test
    void aBatchCommittedBeforeACrashIsNotPublishedAgain() {
        ConsumerRecord<String, String> published = published(topic, change(), 1).get(0);
        relay.stop();
        UUID id = UUID.fromString(Events.header(published, "ce_id"));
        try {
            database.preparedQuery("""
                            INSERT INTO outbox_event (id, topic, partition_key, type, source, subject, time, data)
                            VALUES ($1, $2, $3, $4, $5, $6, now(), $7::jsonb)""")
                    .execute(Tuple.from(List.of(id, published.topic(), published.key(), Events.header(published, "ce_type"),
                            Events.header(published, "ce_source"), Events.header(published, "ce_subject"), published.value())))
                    .await().atMost(WAIT);
        } finally {
            relay.start();
        }
        Awaitility.await().atMost(WAIT).until(() -> database.preparedQuery("SELECT count(*) FROM outbox_event WHERE id = $1")
                .execute(Tuple.of(id)).await().atMost(WAIT).iterator().next().getLong(0) == 0);
        assertEquals(1, published(published.topic(), published.key(), 1).size(), "the leftover row was not republished");
    }

    /** The record that {@code consumer} dead-lettered for a key, with the reason it gave. */
    public static ConsumerRecord<String, String> deadLettered(String dlqTopic, String key, String consumer) {
        List<ConsumerRecord<String, String>> dead = Events.read(dlqTopic,
                Events.withKey(key).and(record -> consumer.equals(Events.header(record, "dead-letter-consumer"))),
                1, WAIT, Duration.ZERO);
        assertEquals(1, dead.size(), "records " + consumer + " dead-lettered for " + key);
        return dead.get(0);
    }
}
