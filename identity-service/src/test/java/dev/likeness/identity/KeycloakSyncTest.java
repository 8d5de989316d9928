package dev.likeness.identity;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.OutboxContract;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.quarkus.test.junit.QuarkusTest;

/** The likeness status reaches Keycloak, and through it every new token of the person. */
@QuarkusTest
class KeycloakSyncTest {

    private static final String TOPIC = "likeness.identity.events";
    private static final String VERIFIED = "dev.likeness.identity.likeness.verified.v1";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aVerifiedLikenessAppearsInThePersonsNextToken() {
        String person = Users.create();
        String likeness = Enrolments.verifiedLikeness(person, System.nanoTime());
        String userId = Users.id(person);
        Awaitility.await().atMost(WAIT).until(() -> likeness.equals(Users.attributes(userId).path("likeness_id").path(0).asText()));
        String token = Tokens.freshUser(person);
        assertEquals("VERIFIED", Tokens.claim(token, "likeness_status"));
        assertEquals(likeness, Tokens.claim(token, "likeness_id"));
    }

    @Test
    void theSameEventDeliveredTwiceUpdatesKeycloakOnce() {
        String userId = Users.id(Users.create());
        ProducerRecord<String, String> verified = verified(UUID.randomUUID(), userId);
        Events.send(verified);
        Events.send(verified);
        // A distinct event after the duplicate: once it shows, the duplicate was processed too.
        UUID later = UUID.randomUUID();
        Events.send(verified(later, userId));
        Awaitility.await().atMost(WAIT).until(() -> later.toString().equals(Users.attributes(userId).path("likeness_id").path(0).asText()));
        assertEquals(2, Users.updates(userId), "Keycloak updates for two distinct events, one of them delivered twice");
    }

    @Test
    void anUnparseableEventIsDeadLetteredAndTheConsumerGoesOn() {
        String userId = Users.id(Users.create());
        UUID likeness = UUID.randomUUID();
        Events.send(Events.cloudEvent(TOPIC, likeness.toString(), UUID.randomUUID().toString(), VERIFIED,
                "/identity-service", null, "not json at all"));
        Events.send(verified(likeness, userId));
        Awaitility.await().atMost(WAIT).until(() -> likeness.toString().equals(Users.attributes(userId).path("likeness_id").path(0).asText()));
        assertThat(Events.header(OutboxContract.deadLettered(TOPIC + ".dlq", likeness.toString(), "keycloak-sync"),
                "dead-letter-reason"), containsString("not valid JSON"));
    }

    private static ProducerRecord<String, String> verified(UUID likeness, String ownerId) {
        String data = """
                {"likenessId":"%s","ownerId":"%s","verifiedAt":"%s","method":"built-in/container"}"""
                .formatted(likeness, ownerId, OffsetDateTime.now());
        return Events.cloudEvent(TOPIC, likeness.toString(), UUID.randomUUID().toString(), VERIFIED, "/identity-service",
                likeness.toString(), data);
    }
}
