package dev.likeness.consent;

import static dev.likeness.consent.Fixtures.CONSENT_EVENTS;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.consent.outbox.OutboxRelay;
import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.Tokens;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A change and its event commit together; the relay puts each event on Kafka exactly once. */
@QuarkusTest
class OutboxRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofSeconds(3);

    @Inject
    OutboxRelay relay;
    @Inject
    Pool database;
    @Inject
    ObjectMapper json;

    @Test
    void aChangeReachesKafkaOnceAsACloudEventThatTheCloudEventsSdkReads() throws Exception {
        UUID likeness = Fixtures.verifiedLikeness("alice");
        setAudience(likeness, "APPROVED");

        List<ConsumerRecord<String, String>> records = published(likeness, 1);
        assertEquals(1, records.size(), "events for the change");
        ConsumerRecord<String, String> record = records.get(0);
        CloudEvent event;
        try (CloudEventDeserializer sdk = new CloudEventDeserializer()) {
            event = sdk.deserialize(record.topic(), record.headers(), record.value().getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(SpecVersion.V1, event.getSpecVersion());
        assertEquals("dev.likeness.consent.audience.changed.v1", event.getType());
        assertEquals(URI.create("/consent-service"), event.getSource());
        assertEquals(likeness.toString(), event.getSubject());
        assertEquals("application/json", event.getDataContentType());
        assertNotNull(event.getTime());
        JsonNode data = json.readTree(event.getData().toBytes());
        assertEquals("APPROVED", data.path("audience").asText(), record.value());
        assertEquals("ONLY_ME", data.path("previous").asText(), record.value());
        assertEquals(2, data.path("revision").asLong(), record.value());
        assertEquals(Tokens.userId("alice"), data.path("ownerId").asText(), record.value());
    }

    @Test
    void eventsWrittenWhileTheRelayIsStoppedArePublishedOnceItRestarts() {
        UUID likeness = Fixtures.verifiedLikeness("alice");
        relay.stop();
        try {
            setAudience(likeness, "EVERYONE");
            assertEquals(0, Events.read(CONSENT_EVENTS, Events.withKey(likeness.toString()), 1, SETTLE, Duration.ZERO).size());
        } finally {
            relay.start();
        }
        assertEquals(1, published(likeness, 1).size());
    }

    @Test
    void aBatchCommittedToKafkaBeforeACrashIsNotPublishedAgain() {
        UUID likeness = Fixtures.verifiedLikeness("alice");
        setAudience(likeness, "APPROVED");
        ConsumerRecord<String, String> record = published(likeness, 1).get(0);

        relay.stop();
        // What a crash between the Kafka commit and the delete leaves behind: the row is still there.
        UUID id = UUID.fromString(Events.header(record, "ce_id"));
        database.preparedQuery("""
                        INSERT INTO outbox_event (id, topic, partition_key, type, source, subject, time, data)
                        VALUES ($1, $2, $3, $4, $5, $6, now(), $7::jsonb)""")
                .execute(Tuple.from(List.of(id, record.topic(), record.key(), Events.header(record, "ce_type"),
                        Events.header(record, "ce_source"), Events.header(record, "ce_subject"), record.value())))
                .await().atMost(WAIT);
        relay.start();

        Awaitility.await().atMost(WAIT).until(() -> database.preparedQuery("SELECT count(*) FROM outbox_event WHERE id = $1")
                .execute(Tuple.of(id)).await().atMost(WAIT).iterator().next().getLong(0) == 0);
        assertEquals(1, published(likeness, 1).size(), "the leftover row was reconciled, not republished");
    }

    private static List<ConsumerRecord<String, String>> published(UUID likeness, int expected) {
        return Events.read(CONSENT_EVENTS, Events.withKey(likeness.toString()), expected, WAIT, SETTLE);
    }

    private static void setAudience(UUID likeness, String audience) {
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body("{\"audience\":\"" + audience + "\"}")
                .put("/v1/likenesses/{id}/audience", likeness).then().statusCode(200);
    }
}
