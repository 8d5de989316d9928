package dev.likeness.identity;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.OutboxContract;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The likeness status reaches Keycloak, and through it every new token of the person. */
@QuarkusTest
class KeycloakSyncTest {

    private static final String TOPIC = "likeness.identity.events";
    private static final String VERIFIED = "dev.likeness.identity.likeness.verified.v1";
    private static final String DELETED = "dev.likeness.identity.likeness.deleted.v1";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject Pool database;

    @Test
    void aVerifiedLikenessAppearsInThePersonsNextToken() {
        String person = Users.create();
        String likeness = Enrolments.verifiedLikeness(person, Seeds.next());
        String userId = Users.id(person);
        Awaitility.await().atMost(WAIT).until(() -> likeness.equals(Users.attributes(userId).path("likeness_id").path(0).asText()));
        String token = Tokens.freshUser(person);
        assertEquals("VERIFIED", Tokens.claim(token, "likeness_status"));
        assertEquals(likeness, Tokens.claim(token, "likeness_id"));
    }

    @Test
    void theTokenFollowsSuspensionReinstatementAndDeletion() {
        String person = Users.create();
        String likeness = Enrolments.verifiedLikeness(person, Seeds.next());
        String userId = Users.id(person);
        awaitStatus(userId, "VERIFIED");
        String staff = Tokens.user("dana");

        given().auth().oauth2(staff).contentType(ContentType.JSON).body("{\"reason\":\"Under review\"}")
                .post("/v1/likenesses/{id}/suspension", likeness).then().statusCode(200);
        awaitStatus(userId, "SUSPENDED");
        String suspended = Tokens.freshUser(person);
        assertEquals("SUSPENDED", Tokens.claim(suspended, "likeness_status"));
        assertEquals(likeness, Tokens.claim(suspended, "likeness_id"));

        given().auth().oauth2(staff).delete("/v1/likenesses/{id}/suspension", likeness).then().statusCode(200);
        awaitStatus(userId, "VERIFIED");
        assertEquals("VERIFIED", Tokens.claim(Tokens.freshUser(person), "likeness_status"));

        given().auth().oauth2(Tokens.user(person)).delete("/v1/likenesses/{id}", likeness).then().statusCode(204);
        awaitStatus(userId, "DELETED");
        String deleted = Tokens.freshUser(person);
        assertEquals("DELETED", Tokens.claim(deleted, "likeness_status"));
        assertNull(Tokens.claim(deleted, "likeness_id"));
    }

    @Test
    void aLateEventAboutADeletedLikenessLeavesThePersonsNextOneAlone() {
        String person = Users.create();
        String userId = Users.id(person);
        String first = Enrolments.verifiedLikeness(person, Seeds.next());
        given().auth().oauth2(Tokens.user(person)).delete("/v1/likenesses/{id}", first).then().statusCode(204);
        String next = Enrolments.verifiedLikeness(person, Seeds.next());
        Awaitility.await().atMost(WAIT).until(() -> next.equals(Users.attributes(userId).path("likeness_id").path(0).asText()));

        // The first likeness' events, as if its partition lagged behind the next one's.
        String lateVerified = UUID.randomUUID().toString();
        String lateDeleted = UUID.randomUUID().toString();
        Events.send(Events.cloudEvent(TOPIC, first, lateVerified, VERIFIED, "/identity-service", first, """
                {"likenessId":"%s","ownerId":"%s","verifiedAt":"%s","method":"built-in"}"""
                .formatted(first, userId, OffsetDateTime.now().minusMinutes(1))));
        Events.send(Events.cloudEvent(TOPIC, first, lateDeleted, DELETED, "/identity-service", first, """
                {"likenessId":"%s","ownerId":"%s","deletedAt":"%s"}""".formatted(first, userId, OffsetDateTime.now())));
        Awaitility.await().atMost(WAIT).until(() -> consumed(lateVerified) && consumed(lateDeleted));

        assertEquals("VERIFIED", Users.attributes(userId).path("likeness_status").path(0).asText());
        assertEquals(next, Users.attributes(userId).path("likeness_id").path(0).asText());
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
        assertThat(Events.header(OutboxContract.deadLettered(TOPIC + ".dlq", likeness.toString(), "identity-service/keycloak-sync"),
                "dead-letter-reason"), containsString("not valid JSON"));
    }

    private static void awaitStatus(String userId, String status) {
        Awaitility.await().atMost(WAIT).until(() -> status.equals(Users.attributes(userId).path("likeness_status").path(0).asText()));
    }

    private boolean consumed(String eventId) {
        return database.preparedQuery("SELECT count(*) FROM consumed_event WHERE consumer = 'keycloak-sync' AND id = $1")
                .execute(Tuple.of(eventId)).await().atMost(WAIT).iterator().next().getLong(0) == 1;
    }

    private static ProducerRecord<String, String> verified(UUID likeness, String ownerId) {
        String data = """
                {"likenessId":"%s","ownerId":"%s","verifiedAt":"%s","method":"built-in"}"""
                .formatted(likeness, ownerId, OffsetDateTime.now());
        return Events.cloudEvent(TOPIC, likeness.toString(), UUID.randomUUID().toString(), VERIFIED, "/identity-service",
                likeness.toString(), data);
    }
}
