package dev.likeness.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.likeness.captures.Captures;
import dev.likeness.devstack.Service;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The first thing a user can do end to end, across the three services running as separate
 * applications (their packaged jars) against one stack: enrol, grant, check, draft, alert, revoke.
 */
@ExtendWith(PackagedServices.class)
class FirstJourneyIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static String identity;
    private static String consent;
    private static String notification;

    @BeforeAll
    static void findTheServices() {
        identity = PackagedServices.url(Service.IDENTITY);
        consent = PackagedServices.url(Service.CONSENT);
        notification = PackagedServices.url(Service.NOTIFICATION);
    }

    @Test
    void aliceEnrolsGrantsBobIsCheckedDraftsIsAlertedAndRevocationWins() {
        String alice = Users.create("Alice");

        // 1. Alice enrols: a challenge, one capture, a verified likeness.
        JsonPath enrolment = as(alice, identity).post("/v1/enrolments").then()
                .statusCode(201)
                .body("challenge.digits", matchesPattern("[0-9]{6}"))
                .extract().jsonPath();
        String likeness = as(alice, identity)
                .header("Likeness-Challenge-Nonce", enrolment.getString("challenge.nonce"))
                .contentType("video/mp4")
                .body(Captures.record(Captures.Container.MP4, Captures.live(enrolment.getString("challenge.digits"),
                        enrolment.getList("challenge.moves", String.class)), 51_001L)) // fixed seed: a run replays
                .put("/v1/enrolments/{id}/capture", enrolment.getString("id")).then()
                .statusCode(200)
                .body("status", is("VERIFIED"))
                .extract().path("likenessId");

        // 2. consent-service learns of it from likeness.verified; Alice approves Bob.
        Awaitility.await().atMost(WAIT).until(() -> as(alice, consent).get("/v1/likenesses/{id}", likeness).statusCode() == 200);
        as(alice, consent).get("/v1/likenesses/{id}", likeness).then().body("status", is("VERIFIED")).body("audience", is("ONLY_ME"));
        as(alice, consent).contentType(ContentType.JSON).body("{\"audience\":\"APPROVED\"}")
                .put("/v1/likenesses/{id}/audience", likeness).then().statusCode(200);
        String grant = as(alice, consent).contentType(ContentType.JSON)
                .body("{\"granteeId\":\"" + Tokens.userId("bob") + "\",\"purposes\":[\"draft\"]}")
                .post("/v1/likenesses/{id}/grants", likeness).then().statusCode(201).extract().path("id");

        // 3. The platform checks: Bob may feature Alice, Carol may not.
        JsonPath bobCheck = check("bob", likeness);
        assertEquals(true, bobCheck.getBoolean("allowed"));
        String consentToken = bobCheck.getString("consentToken");
        JsonPath carolCheck = check("carol", likeness);
        assertEquals(false, carolCheck.getBoolean("allowed"));
        assertEquals("not-permitted", carolCheck.getString("decisions[0].reason"));

        // 4. The platform registers Bob's draft; Alice is told.
        String draft = register(consentToken, likeness).then().statusCode(201).extract().path("id");
        JsonPath aliceInbox = awaitInbox(alice, "draft.created");
        assertEquals("Bob made a draft featuring you.", aliceInbox.getString("items.find { it.type == 'draft.created' }.text"));
        assertEquals(draft, aliceInbox.getString("items.find { it.type == 'draft.created' }.draftId"));
        // Identity and consent events travel on different topics: no order between them to rely on.
        assertEquals("Your likeness is verified. You decide who may feature it.",
                awaitInbox(alice, "likeness.verified").getString("items.find { it.type == 'likeness.verified' }.text"));

        // 5. Alice revokes Bob: the next check is denied (why, only Alice is told), the earlier token is worthless, Bob is told.
        as(alice, consent).delete("/v1/likenesses/{id}/grants/{grant}", likeness, grant).then().statusCode(200);
        JsonPath after = check("bob", likeness);
        assertEquals(false, after.getBoolean("allowed"));
        assertEquals("not-permitted", after.getString("decisions[0].reason"));
        as(alice, consent).get("/v1/likenesses/{id}/decisions/{person}", likeness, Tokens.userId("bob")).then().statusCode(200)
                .body("reason", is("revoked"));
        register(consentToken, likeness).then().statusCode(409).body("code", is("consent-withdrawn"));
        JsonPath bobInbox = awaitInbox("bob", "grant.revoked", grant);
        assertEquals("Alice withdrew your permission to feature their likeness.",
                bobInbox.getString("items.find { it.grantId == '" + grant + "' && it.type == 'grant.revoked' }.text"));

        // Alice's token now says she is verified (identity-service mirrored it into Keycloak).
        Awaitility.await().atMost(WAIT).until(() -> likeness.equals(Tokens.claim(Tokens.freshUser(alice), "likeness_id")));
        given().baseUri(consent).get("/.well-known/jwks.json").then().statusCode(200).body("keys[0].kid", notNullValue());
    }

    private static JsonPath check(String requester, String likeness) {
        return given().baseUri(consent).auth().oauth2(Tokens.platform()).contentType(ContentType.JSON)
                .body("{\"requesterId\":\"" + Tokens.userId(requester) + "\",\"requesterToken\":\"" + Tokens.requester(requester)
                        + "\",\"likenessIds\":[\"" + likeness + "\"],\"purpose\":\"draft\"}")
                .post("/v1/checks").then().statusCode(200).extract().jsonPath();
    }

    private static io.restassured.response.Response register(String consentToken, String likeness) {
        return given().baseUri(consent).auth().oauth2(Tokens.platform()).contentType(ContentType.JSON)
                .body("{\"draftId\":\"render-" + System.nanoTime() + "\",\"creatorId\":\"" + Tokens.userId("bob")
                        + "\",\"creatorToken\":\"" + Tokens.requester("bob") + "\",\"likenessIds\":[\"" + likeness + "\"],\"consentToken\":\"" + consentToken + "\"}")
                .post("/v1/drafts");
    }

    /** Waits for a notification of the type (and, if given, about that grant). */
    private static JsonPath awaitInbox(String person, String type, String... grant) {
        String match = "items.findAll { it.type == '" + type + "'" + (grant.length > 0 ? " && it.grantId == '" + grant[0] + "'" : "") + " }.size()";
        Awaitility.await().atMost(WAIT).until(() -> as(person, notification).queryParam("limit", 100).get("/v1/notifications")
                .then().statusCode(200).extract().jsonPath().getInt(match) == 1);
        return as(person, notification).queryParam("limit", 100).get("/v1/notifications").then().extract().jsonPath();
    }

    private static RequestSpecification as(String person, String service) {
        return given().baseUri(service).auth().oauth2(Tokens.user(person));
    }
}
