package dev.likeness.consent;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.awaitility.Awaitility;

import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.Tokens;

/** Test data made the way production makes it: identity events on Kafka, requests with real tokens. */
public final class Fixtures {

    public static final String IDENTITY_EVENTS = "likeness.identity.events";
    public static final String CONSENT_EVENTS = "likeness.consent.events";
    public static final String VERIFIED = "dev.likeness.identity.likeness.verified.v1";

    private Fixtures() {
    }

    /** Publishes identity-service's {@code likeness.verified} for a new likeness of {@code owner}; waits until consent knows it. */
    public static UUID verifiedLikeness(String owner) {
        UUID likeness = UUID.randomUUID();
        Events.send(verifiedEvent(likeness, Tokens.userId(owner), UUID.randomUUID().toString()));
        awaitLikeness(owner, likeness);
        return likeness;
    }

    public static org.apache.kafka.clients.producer.ProducerRecord<String, String> verifiedEvent(UUID likeness, String ownerId,
                                                                                               String eventId) {
        String data = """
                {"likenessId":"%s","ownerId":"%s","verifiedAt":"%s","method":"built-in"}"""
                .formatted(likeness, ownerId, OffsetDateTime.now());
        return Events.cloudEvent(IDENTITY_EVENTS, likeness.toString(), eventId, VERIFIED, "/identity-service",
                likeness.toString(), data);
    }

    /** A lifecycle event of identity-service for the likeness, with the data given. */
    public static void sendIdentityEvent(UUID likeness, String type, String data) {
        Events.send(Events.cloudEvent(IDENTITY_EVENTS, likeness.toString(), UUID.randomUUID().toString(),
                "dev.likeness.identity.likeness." + type + ".v1", "/identity-service", likeness.toString(), data));
    }

    /**
     * The consent events published for a likeness, once at least {@code expected} are there, by
     * type (short form, e.g. {@code grant.revoked}); each is checked against its JSON Schema.
     */
    public static java.util.Map<String, java.util.List<String>> consentEvents(UUID likeness, int expected) {
        java.util.Map<String, java.util.List<String>> byType = new java.util.TreeMap<>();
        for (var record : dev.likeness.devstack.testing.OutboxContract.published(CONSENT_EVENTS, likeness.toString(), expected)) {
            String type = Events.header(record, "ce_type");
            dev.likeness.devstack.testing.EventSchemas.assertValid(type, record.value());
            byType.computeIfAbsent(type.replace("dev.likeness.consent.", "").replace(".v1", ""), k -> new java.util.ArrayList<>())
                    .add(record.value());
        }
        return byType;
    }

    public static void awaitLikeness(String owner, UUID likeness) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(Tokens.user(owner))
                .get("/v1/likenesses/{id}", likeness).statusCode() == 200);
    }
}
