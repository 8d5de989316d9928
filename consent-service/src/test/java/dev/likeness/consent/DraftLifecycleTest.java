package dev.likeness.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.likeness.consent.draft.RemovalSweep;
import dev.likeness.devstack.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** After registration: owners see every draft featuring them and ask for removal; platforms publish and remove. */
@QuarkusTest
class DraftLifecycleTest {

    @Test
    void anOwnerSeesEveryDraftFeaturingThemNewestFirstInPages() {
        UUID alices = ConsentModelTest.likeness("alice", "EVERYONE");
        UUID bobs = ConsentModelTest.likeness("bob", "EVERYONE");
        List<String> made = new ArrayList<>();
        made.add(draft("carol", List.of(alices)));
        made.add(draft("bob", List.of(alices, bobs)));
        made.add(draft("carol", List.of(alices)));

        JsonPath first = page("alice", alices, null);
        assertEquals(List.of(made.get(2), made.get(1)), first.getList("drafts.id"));
        assertEquals(List.of(Tokens.userId("carol"), Tokens.userId("bob")), first.getList("drafts.creatorId"));
        JsonPath second = page("alice", alices, first.getString("nextCursor"));
        assertEquals(List.of(made.get(0)), second.getList("drafts.id"));
        assertNull(second.getString("nextCursor"));
        assertEquals(List.of(made.get(1)), page("bob", bobs, null).getList("drafts.id"));

        given().auth().oauth2(Tokens.user("bob")).get("/v1/likenesses/{id}/drafts", alices).then().statusCode(404);
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/drafts?cursor=bm9wZQ", alices).then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aRemovalRequestReachesThePlatformWhichTakesTheDraftDown() {
        UUID alices = ConsentModelTest.likeness("alice", "EVERYONE");
        String draft = draft("bob", List.of(alices));

        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body("{\"reason\": \"Not me at all\"}")
                .post("/v1/likenesses/{id}/drafts/{d}/removal-request", alices, draft).then().statusCode(202)
                .body("status", is("REMOVAL_REQUESTED"))
                .body("removalRequests[0].reason", is("Not me at all"));
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body("{}")
                .post("/v1/likenesses/{id}/drafts/{d}/removal-request", alices, draft).then().statusCode(202);
        given().auth().oauth2(Tokens.user("carol")).contentType(ContentType.JSON).body("{}")
                .post("/v1/likenesses/{id}/drafts/{d}/removal-request", alices, draft).then().statusCode(404);

        Map<String, List<String>> events = Fixtures.consentEvents(alices, 3);
        assertEquals(1, events.get("draft.removal-requested").size(), "asked twice, announced once");
        given().auth().oauth2(Tokens.platform()).get("/v1/drafts?status=REMOVAL_REQUESTED&limit=200").then().statusCode(200)
                .body("drafts.id", hasItem(draft));

        given().auth().oauth2(Tokens.platform()).post("/v1/drafts/{d}/removal", draft).then().statusCode(200)
                .body("status", is("REMOVED")).body("removedAt", notNullValue());
        given().auth().oauth2(Tokens.platform()).get("/v1/drafts?status=REMOVAL_REQUESTED&limit=200").then()
                .body("drafts.id", not(hasItem(draft)));
        String publish = Consents.check("bob", List.of(alices), "publish").getString("consentToken");
        given().auth().oauth2(Tokens.platform()).contentType(ContentType.JSON).body("{\"consentToken\":\"" + publish + "\"}")
                .post("/v1/drafts/{d}/publication", draft).then().statusCode(409).body("code", is("draft-removal"));
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/ledger", alices).then()
                .body("entries.type", contains("likeness.verified", "audience.changed", "draft.registered",
                        "draft.removal-requested", "draft.removed"))
                .body("verification.valid", is(true));
    }

    @Test
    void deletingALikenessAsksForTheRemovalOfEveryDraftFeaturingItAndItsOwnerStillSeesThem() throws Exception {
        UUID alices = ConsentModelTest.likeness("alice", "EVERYONE");
        UUID bobs = ConsentModelTest.likeness("bob", "EVERYONE");
        String alone = draft("bob", List.of(alices));
        String together = draft("carol", List.of(alices, bobs));
        String removed = draft("carol", List.of(alices));
        given().auth().oauth2(Tokens.platform()).post("/v1/drafts/{d}/removal", removed).then().statusCode(200);

        Fixtures.sendIdentityEvent(alices, "deleted", """
                {"likenessId":"%s","ownerId":"%s","deletedAt":"%s"}""".formatted(alices, Tokens.userId("alice"), OffsetDateTime.now()));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> List.of(alone, together).stream()
                .allMatch(draft -> "REMOVAL_REQUESTED".equals(platformsView(draft).getString("status"))));

        JsonPath both = platformsView(together);
        assertEquals(List.of(alices.toString()), both.getList("removalRequests.likenessId"), "only the deleted likeness asks");
        assertEquals(List.of(RemovalSweep.LIKENESS_DELETED), both.getList("removalRequests.reason"));
        assertEquals("REMOVED", platformsView(removed).getString("status"), "a draft already taken down is left alone");
        List<String> asked = Fixtures.consentEvents(alices, 6).get("draft.removal-requested");
        assertEquals(2, asked.size(), "one request per draft still up, each once");
        assertEquals(List.of(RemovalSweep.LIKENESS_DELETED, RemovalSweep.LIKENESS_DELETED),
                asked.stream().map(event -> JsonPath.from(event).getString("reason")).toList());

        // Its owner still reads what became of it, until each platform confirms.
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/drafts", alices).then().statusCode(200)
                .body("drafts.id", contains(removed, together, alone));
        given().auth().oauth2(Tokens.platform()).post("/v1/drafts/{d}/removal", alone).then().statusCode(200);
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/ledger", alices).then().statusCode(200)
                .body("entries.type", contains("likeness.verified", "audience.changed", "draft.registered", "draft.registered",
                        "draft.registered", "draft.removed", "likeness.deleted", "draft.removal-requested",
                        "draft.removal-requested", "draft.removed"))
                .body("verification.valid", is(true));
        given().auth().oauth2(Tokens.user("bob")).get("/v1/likenesses/{id}/ledger", alices).then().statusCode(404);
    }

    @Test
    void publishingReChecksConsentWithATokenForPublishing() {
        UUID alices = ConsentModelTest.likeness("alice", "APPROVED");
        String grantId = Consents.grant("alice", alices, "{\"granteeId\":\"" + Tokens.userId("bob")
                + "\",\"purposes\":[\"draft\",\"publish\"],\"maxUses\":3}").then().statusCode(201).extract().path("id");
        String draftToken = Consents.check("bob", List.of(alices), "draft").getString("consentToken");
        String draft = Consents.register("bob", List.of(alices), draftToken).then().statusCode(201).extract().path("id");

        publish(draft, draftToken).then().statusCode(422).body("code", is("consent-token-mismatch"));
        String publishToken = Consents.check("bob", List.of(alices), "publish").getString("consentToken");
        publish(draft, publishToken).then().statusCode(200).body("status", is("PUBLISHED")).body("publishedAt", notNullValue());
        publish(draft, publishToken).then().statusCode(200);
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/grants", alices).then()
                .body("find { it.id == '" + grantId + "' }.uses", is(1)); // drafts use a grant, publishing does not

        String second = Consents.register("bob", List.of(alices),
                Consents.check("bob", List.of(alices), "draft").getString("consentToken")).then().statusCode(201).extract().path("id");
        String late = Consents.check("bob", List.of(alices), "publish").getString("consentToken");
        Consents.revoke("alice", alices, grantId);
        publish(second, late).then().statusCode(409).body("code", is("consent-withdrawn"));
        given().auth().oauth2(Tokens.platform()).get("/v1/drafts/{d}", second).then().body("status", is("REGISTERED"));
    }

    private static io.restassured.response.Response publish(String draft, String token) {
        return given().auth().oauth2(Tokens.platform()).contentType(ContentType.JSON).body("{\"consentToken\":\"" + token + "\"}")
                .post("/v1/drafts/{d}/publication", draft);
    }

    private static String draft(String creator, List<UUID> likenesses) {
        String token = Consents.check(creator, likenesses, "draft").getString("consentToken");
        return Consents.register(creator, likenesses, token).then().statusCode(201).extract().path("id");
    }

    private static JsonPath platformsView(String draft) {
        return given().auth().oauth2(Tokens.platform()).get("/v1/drafts/{d}", draft).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath page(String owner, UUID likeness, String cursor) {
        return given().auth().oauth2(Tokens.user(owner)).queryParam("limit", 2).queryParam("cursor", cursor == null ? "" : cursor)
                .get("/v1/likenesses/{id}/drafts", likeness).then().statusCode(200).extract().jsonPath();
    }
}
