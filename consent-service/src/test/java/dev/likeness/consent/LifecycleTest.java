package dev.likeness.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** A likeness follows identity-service: suspended → every check denied; reinstated → back; deleted → every grant revoked. */
@QuarkusTest
class LifecycleTest {

    @Test
    void suspensionDeniesEveryCheckEvenTheOwnersAndReinstatementEndsIt() {
        UUID alices = ConsentModelTest.likeness("alice", "EVERYONE");
        String token = Consents.check("bob", List.of(alices), "draft").getString("consentToken");
        String owner = Tokens.userId("alice");

        Fixtures.sendIdentityEvent(alices, "suspended", """
                {"likenessId":"%s","ownerId":"%s","reason":"Reported impersonation","suspendedAt":"%s"}"""
                .formatted(alices, owner, OffsetDateTime.now()));
        awaitReason(alices, "bob", "not-permitted");
        assertEquals("not-permitted", Consents.check("alice", List.of(alices), "draft").getString("decisions[0].reason"));
        Consents.register("bob", List.of(alices), token).then().statusCode(409).body("code", is("consent-withdrawn"));

        Fixtures.sendIdentityEvent(alices, "reinstated", """
                {"likenessId":"%s","ownerId":"%s","reinstatedAt":"%s"}""".formatted(alices, owner, OffsetDateTime.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> Consents.check("bob", List.of(alices), "draft").getBoolean("allowed"));
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/ledger", alices).then()
                .body("entries.type", hasItems("likeness.suspended", "likeness.reinstated"))
                .body("entries.find { it.type == 'likeness.suspended' }.data.reason", is("Reported impersonation"));
    }

    @Test
    void deletionRevokesEveryGrantAndTheLikenessIsGoneForEveryone() {
        UUID alices = ConsentModelTest.likeness("alice", "APPROVED");
        Consents.grant("alice", alices, "bob", "[\"draft\"]");
        Consents.grant("alice", alices, "carol", "[\"draft\", \"publish\"]");
        String token = Consents.check("bob", List.of(alices), "draft").getString("consentToken");

        Fixtures.sendIdentityEvent(alices, "deleted", """
                {"likenessId":"%s","ownerId":"%s","deletedAt":"%s"}""".formatted(alices, Tokens.userId("alice"), OffsetDateTime.now()));
        awaitReason(alices, "carol", "unknown-likeness");
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}", alices).then().statusCode(404);
        Consents.register("bob", List.of(alices), token).then().statusCode(409);

        Map<String, List<String>> events = Fixtures.consentEvents(alices, 5);
        assertEquals(2, events.get("grant.revoked").size(), "each grantee is told: " + events.keySet());
        given().auth().oauth2(Tokens.user("dana")).get("/v1/likenesses/{id}/ledger", alices).then().statusCode(200)
                .body("entries.type", hasItems("grant.revoked", "likeness.deleted"))
                .body("verification.valid", is(true));
    }

    private static void awaitReason(UUID likeness, String requester, String reason) {
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> reason.equals(Consents.check(requester, List.of(likeness), "draft").getString("decisions[0].reason")));
    }
}
