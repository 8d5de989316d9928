package dev.likeness.consent;

import static dev.likeness.consent.Fixtures.IDENTITY_EVENTS;
import static dev.likeness.consent.Fixtures.VERIFIED;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.OutboxContract;
import dev.likeness.devstack.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** identity events are applied once each, in order; poison goes to the dead-letter topic and the stream goes on. */
@QuarkusTest
class IdentityEventsConsumerTest {

    private static final String DLQ = IDENTITY_EVENTS + ".dlq";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theSameEventDeliveredTwiceIsAppliedOnce() {
        UUID likeness = UUID.randomUUID();
        String alice = Tokens.userId("alice");
        ProducerRecord<String, String> verified = Fixtures.verifiedEvent(likeness, alice, UUID.randomUUID().toString());
        Events.send(verified);
        Events.send(verified);
        // A distinct event after the duplicate, same partition: applied, it bumps the revision once more.
        Events.send(Fixtures.verifiedEvent(likeness, alice, UUID.randomUUID().toString()));

        Awaitility.await().atMost(WAIT).until(() -> revision(likeness) >= 2);
        assertEquals(2, revision(likeness), "two distinct events, one of them delivered twice");
    }

    @Test
    void anUnparseableEventIsDeadLetteredWithItsReasonAndTheConsumerGoesOn() {
        UUID likeness = UUID.randomUUID();
        String poisonId = UUID.randomUUID().toString();
        Events.send(Events.cloudEvent(IDENTITY_EVENTS, likeness.toString(), poisonId, VERIFIED, "/identity-service",
                null, "{\"likenessId\": "));
        Events.send(Fixtures.verifiedEvent(likeness, Tokens.userId("alice"), UUID.randomUUID().toString()));

        Fixtures.awaitLikeness("alice", likeness);
        ConsumerRecord<String, String> dead = deadLettered(likeness);
        assertEquals(poisonId, Events.header(dead, "ce_id"), "the original record, headers included");
        org.hamcrest.MatcherAssert.assertThat(Events.header(dead, "dead-letter-reason"), containsString("not valid JSON"));
    }

    @Test
    void eventsOfUnknownTypeOrWithoutCloudEventsHeadersAreDeadLettered() {
        UUID unknown = UUID.randomUUID();
        Events.send(Events.cloudEvent(IDENTITY_EVENTS, unknown.toString(), UUID.randomUUID().toString(),
                "dev.likeness.identity.likeness.teleported.v1", "/identity-service", null, "{}"));
        org.hamcrest.MatcherAssert.assertThat(Events.header(deadLettered(unknown), "dead-letter-reason"),
                containsString("unknown event type"));

        UUID bare = UUID.randomUUID();
        Events.send(new ProducerRecord<>(IDENTITY_EVENTS, bare.toString(), "{\"likenessId\":\"" + bare + "\"}"));
        org.hamcrest.MatcherAssert.assertThat(Events.header(deadLettered(bare), "dead-letter-reason"),
                containsString("CloudEvents"));
    }

    @Test
    void anEventWithInvalidDataIsDeadLettered() {
        UUID likeness = UUID.randomUUID();
        Events.send(Events.cloudEvent(IDENTITY_EVENTS, likeness.toString(), UUID.randomUUID().toString(), VERIFIED,
                "/identity-service", null, "{\"likenessId\":\"" + likeness + "\",\"ownerId\":\"\"}"));
        org.hamcrest.MatcherAssert.assertThat(Events.header(deadLettered(likeness), "dead-letter-reason"),
                containsString("invalid"));
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}", likeness).then().statusCode(404);
    }

    private static ConsumerRecord<String, String> deadLettered(UUID key) {
        return OutboxContract.deadLettered(DLQ, key.toString(), "consent-service/identity-events");
    }

    private static long revision(UUID likeness) {
        var response = given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}", likeness);
        return response.statusCode() == 200 ? response.jsonPath().getLong("revision") : 0;
    }
}
