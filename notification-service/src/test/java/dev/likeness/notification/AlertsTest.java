package dev.likeness.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.OutboxContract;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Each event becomes the right alert for the right person, once. */
@QuarkusTest
class AlertsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aDraftFeaturingSomeoneAlertsThemWithWhoMadeIt() {
        String owner = Users.create();
        UUID likeness = UUID.randomUUID();
        UUID draft = UUID.randomUUID();
        Events.send(Upstream.draftCreated(likeness, Tokens.userId(owner), Tokens.userId("bob"), draft));

        JsonPath inbox = awaitInbox(owner, 1, "en");
        assertEquals("draft.created", inbox.getString("items[0].type"));
        assertEquals("Bob made a draft featuring you.", inbox.getString("items[0].text"));
        assertEquals(draft.toString(), inbox.getString("items[0].draftId"));
        assertEquals(likeness.toString(), inbox.getString("items[0].likenessId"));
        assertEquals(Tokens.userId("bob"), inbox.getString("items[0].actorId"));
        assertEquals(false, inbox.getBoolean("items[0].read"));
        assertEquals("Bob a créé un brouillon où vous apparaissez.", awaitInbox(owner, 1, "fr-CA,fr;q=0.9").getString("items[0].text"));
        assertEquals("Bob made a draft featuring you.", awaitInbox(owner, 1, "de").getString("items[0].text"));
    }

    @Test
    void grantsAndRevocationsAlertTheGrantee() {
        String grantee = Users.create();
        UUID likeness = UUID.randomUUID();
        UUID grant = UUID.randomUUID();
        Events.send(Upstream.grantCreated(likeness, Tokens.userId("alice"), Tokens.userId(grantee), grant));
        Events.send(Upstream.grantRevoked(likeness, Tokens.userId("alice"), Tokens.userId(grantee), grant));

        JsonPath inbox = awaitInbox(grantee, 2, "en");
        assertEquals("Alice withdrew your permission to feature their likeness.", inbox.getString("items[0].text"));
        assertEquals("Alice allowed you to feature their likeness (draft, remix).", inbox.getString("items[1].text"));
        assertEquals(grant.toString(), inbox.getString("items[0].grantId"));
    }

    @Test
    void aVerifiedLikenessTellsItsOwner() {
        String owner = Users.create();
        Events.send(Upstream.verified(UUID.randomUUID(), Tokens.userId(owner)));
        assertEquals("Your likeness is verified. You decide who may feature it.", awaitInbox(owner, 1, "en").getString("items[0].text"));
    }

    @Test
    void theSameEventDeliveredTwiceAlertsOnce() {
        String owner = Users.create();
        UUID likeness = UUID.randomUUID();
        ProducerRecord<String, String> created = Upstream.draftCreated(likeness, Tokens.userId(owner), Tokens.userId("bob"), UUID.randomUUID());
        Events.send(created);
        Events.send(created);
        // A later event for the same likeness (same partition): once it shows, the duplicate was processed too.
        Events.send(Upstream.draftCreated(likeness, Tokens.userId(owner), Tokens.userId("carol"), UUID.randomUUID()));
        JsonPath inbox = awaitInbox(owner, 2, "en");
        assertEquals(2, inbox.getList("items").size());
        assertEquals("Carol made a draft featuring you.", inbox.getString("items[0].text"));
    }

    @Test
    void poisonIsDeadLetteredAndTheOwnChangesOfOwnersAreNotAlerts() {
        String owner = Users.create();
        UUID likeness = UUID.randomUUID();
        Events.send(Events.cloudEvent(Upstream.CONSENT_EVENTS, likeness.toString(), UUID.randomUUID().toString(),
                "dev.likeness.consent.draft.created.v1", "/consent-service", null, "{\"draftId\": \"x\""));
        Events.send(Events.cloudEvent(Upstream.CONSENT_EVENTS, likeness.toString(), UUID.randomUUID().toString(),
                "dev.likeness.consent.audience.changed.v1", "/consent-service", null,
                "{\"likenessId\":\"" + likeness + "\",\"ownerId\":\"" + Tokens.userId(owner) + "\"}"));
        Events.send(Upstream.draftCreated(likeness, Tokens.userId(owner), Tokens.userId("bob"), UUID.randomUUID()));

        assertEquals(1, awaitInbox(owner, 1, "en").getList("items").size(), "only the valid draft alert");
        assertThat(Events.header(OutboxContract.deadLettered(Upstream.CONSENT_EVENTS + ".dlq", likeness.toString(), "notification-service/consent-events"),
                "dead-letter-reason"), containsString("not valid JSON"));
    }

    @Test
    void suspensionAndDeletionTellTheOwnerWhy() {
        String owner = Users.create();
        UUID likeness = UUID.randomUUID();
        Events.send(Upstream.suspended(likeness, Tokens.userId(owner), "reported as impersonation"));
        Events.send(Upstream.deleted(likeness, Tokens.userId(owner)));

        JsonPath inbox = awaitInbox(owner, 2, "en");
        assertEquals("likeness.deleted", inbox.getString("items[0].type"));
        assertEquals("Your likeness and its biometric data were deleted. Every permission you gave has ended.",
                inbox.getString("items[0].text"));
        assertEquals("Your likeness was suspended by trust and safety (reported as impersonation). "
                + "Nobody can feature it until it is reinstated.", inbox.getString("items[1].text"));
        assertEquals(likeness.toString(), inbox.getString("items[1].likenessId"));
    }

    @Test
    void accessRequestsReachTheOwnerAndAnswersTheRequester() {
        String owner = Users.create();
        String requester = Users.create("Rita");
        UUID likeness = UUID.randomUUID();
        UUID approved = UUID.randomUUID();
        UUID denied = UUID.randomUUID();
        UUID grant = UUID.randomUUID();
        Events.send(Upstream.accessRequested(likeness, Tokens.userId(owner), Tokens.userId(requester), approved));
        Events.send(Upstream.accessDecided(likeness, Tokens.userId(owner), Tokens.userId(requester), approved, grant));
        Events.send(Upstream.accessDecided(likeness, Tokens.userId(owner), Tokens.userId(requester), denied, null));

        JsonPath ownerInbox = awaitInbox(owner, 1, "en");
        assertEquals("Rita asks to feature your likeness (draft).", ownerInbox.getString("items[0].text"));
        assertEquals(approved.toString(), ownerInbox.getString("items[0].requestId"));
        JsonPath requesterInbox = awaitInbox(requester, 2, "fr");
        assertEquals("access.denied", requesterInbox.getString("items[0].type"));
        assertEquals(denied.toString(), requesterInbox.getString("items[0].requestId"));
        assertEquals(grant.toString(), requesterInbox.getString("items[1].grantId"));
        assertThat(requesterInbox.getString("items[1].text"), containsString("a accepté votre demande"));
    }

    @Test
    void anApprovalWithoutItsGrantIsPoison() {
        String requester = Users.create();
        UUID likeness = UUID.randomUUID();
        Events.send(Events.cloudEvent(Upstream.CONSENT_EVENTS, likeness.toString(), UUID.randomUUID().toString(),
                "dev.likeness.consent.access.approved.v1", "/consent-service", null, """
                        {"requestId":"%s","likenessId":"%s","ownerId":"x","requesterId":"%s","decidedAt":"%s"}"""
                        .formatted(UUID.randomUUID(), likeness, Tokens.userId(requester), java.time.OffsetDateTime.now())));
        assertThat(Events.header(OutboxContract.deadLettered(Upstream.CONSENT_EVENTS + ".dlq", likeness.toString(), "notification-service/consent-events"),
                "dead-letter-reason"), containsString("grantId"));
    }

    @Test
    void aRemovalRequestTellsTheDraftsCreator() {
        String owner = Users.create("Olga");
        String creator = Users.create();
        UUID draft = UUID.randomUUID();
        Events.send(Upstream.removalRequested(UUID.randomUUID(), Tokens.userId(owner), Tokens.userId(creator),
                "likeness-platform-demo", draft));
        JsonPath inbox = awaitInbox(creator, 1, "en");
        assertEquals("draft.removal-requested", inbox.getString("items[0].type"));
        assertEquals("Olga asked for the removal of a draft featuring them.", inbox.getString("items[0].text"));
        assertEquals(draft.toString(), inbox.getString("items[0].draftId"));
    }

    static JsonPath awaitInbox(String person, int count, String language) {
        Awaitility.await().atMost(WAIT).until(() -> inbox(person, language).getList("items").size() >= count);
        JsonPath inbox = inbox(person, language);
        assertEquals(count, inbox.getList("items").size());
        return inbox;
    }

    static JsonPath inbox(String person, String language) {
        return given().auth().oauth2(Tokens.user(person)).header("Accept-Language", language).get("/v1/notifications")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aPersonSeesOnlyTheirOwnAlerts() {
        String owner = Users.create();
        Events.send(Upstream.verified(UUID.randomUUID(), Tokens.userId(owner)));
        awaitInbox(owner, 1, "en");
        given().auth().oauth2(Tokens.user(Users.create())).get("/v1/notifications").then().statusCode(200).body("items.size()", is(0));
    }
}
