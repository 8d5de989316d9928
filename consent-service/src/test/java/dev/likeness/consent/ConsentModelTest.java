package dev.likeness.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.likeness.consent.check.CheckRequest;
import dev.likeness.consent.check.CheckResponse;
import dev.likeness.consent.check.CheckService;
import dev.likeness.consent.draft.DraftRegistration;
import dev.likeness.consent.draft.DraftRequest;
import dev.likeness.consent.draft.Registered;
import dev.likeness.consent.follow.FollowService;
import dev.likeness.consent.purpose.Purpose;
import dev.likeness.devstack.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Audiences beyond grants, blocks, content restrictions, teen accounts, protected persons and revisions asked for. */
@QuarkusTest
class ConsentModelTest {

    private static final String PLATFORM_B = "platform-b";

    @Inject FollowService follows;
    @Inject CheckService checks;
    @Inject DraftRegistration drafts;

    @Test
    void mutualsAdmitsPeopleWhoFollowEachOtherAndAnUnfollowDefeatsTheirToken() {
        UUID alices = likeness("alice", "MUTUALS");
        Consents.unfollow("alice", "bob");
        Consents.unfollow("bob", "alice");
        assertReason("not-permitted", Consents.check("bob", List.of(alices), "draft").getString("decisions[0].reason"));

        Consents.follow("bob", "alice");
        assertReason("not-permitted", Consents.check("bob", List.of(alices), "draft").getString("decisions[0].reason"));
        Consents.follow("alice", "bob");
        String token = Consents.check("bob", List.of(alices), "draft").getString("consentToken");
        assertEquals(true, token != null, "mutual followers may feature each other");

        Consents.unfollow("alice", "bob");
        Consents.register("bob", List.of(alices), token).then().statusCode(409).body("code", is("consent-withdrawn"));
        assertReason("not-permitted", Consents.check("bob", List.of(alices), "draft").getString("decisions[0].reason"));
    }

    /**
     * Platform A is the stack's platform client; B, which the stack has no client for, calls the
     * services as its resources would with its client id.
     */
    @Test
    void anUnfollowVoidsOnlyTheReportingPlatformsTokensAndLeavesTheRevision() throws Throwable {
        UUID alices = likeness("alice", "MUTUALS");
        long revision = Consents.revision("alice", alices);
        Consents.follow("alice", "bob");
        Consents.follow("bob", "alice");
        VertxContextSupport.subscribeAndAwait(() -> follows.follow(PLATFORM_B, Tokens.userId("alice"), Tokens.userId("bob")));
        VertxContextSupport.subscribeAndAwait(() -> follows.follow(PLATFORM_B, Tokens.userId("bob"), Tokens.userId("alice")));
        String onA = Consents.check("bob", List.of(alices), "draft").getString("consentToken");
        String onB = checkOnB("bob", alices).consentToken();

        Consents.unfollow("alice", "bob");
        Consents.unfollow("bob", "alice"); // no longer mutuals: nothing more for the owner to hear

        Consents.register("bob", List.of(alices), onA).then().statusCode(409).body("code", is("consent-withdrawn"));
        assertEquals(true, checkOnB("bob", alices).allowed(), "B's follows still make them mutuals on B");
        Registered registered = VertxContextSupport.subscribeAndAwait(() -> drafts.register(
                new DraftRequest(UUID.randomUUID().toString(), Tokens.userId("bob"), Tokens.requester("bob"), List.of(alices), onB), PLATFORM_B));
        assertEquals(true, registered.created(), "B's token still registers a draft");
        assertEquals(revision, Consents.revision("alice", alices), "the owner's revision is not the follow graph's");

        Consents.follow("alice", "bob");
        Consents.follow("bob", "alice");
        assertEquals(true, Consents.check("bob", List.of(alices), "draft").getBoolean("allowed"));
        Consents.register("bob", List.of(alices), onA).then().statusCode(409)
                .body("detail", containsString("mutual follow it relied on ended"));
        assertEquals(List.of("follow.ended"), Consents.ledger("alice", alices).getList("entries.type").stream()
                .filter(type -> type.toString().startsWith("follow.")).toList());
    }

    private CheckResponse checkOnB(String requester, UUID likeness) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> checks.check(
                new CheckRequest(Tokens.userId(requester), Tokens.requester(requester), List.of(likeness), Purpose.DRAFT, null, null, null), PLATFORM_B));
    }

    @Test
    void aBlockedPersonIsDeniedEvenUnderEveryoneAndTheirTokenStopsWorking() {
        UUID alices = likeness("alice", "EVERYONE");
        String token = Consents.check("carol", List.of(alices), "draft").getString("consentToken");

        Consents.block("alice", alices, "carol");
        Consents.block("alice", alices, "carol"); // idempotent
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/blocks", alices).then().statusCode(200)
                .body("personId", contains(Tokens.userId("carol")));
        Consents.register("carol", List.of(alices), token).then().statusCode(409).body("code", is("consent-withdrawn"));
        assertReason("not-permitted", Consents.check("carol", List.of(alices), "draft").getString("decisions[0].reason"));
        assertEquals(true, Consents.check("bob", List.of(alices), "draft").getBoolean("allowed"), "others are not blocked");

        given().auth().oauth2(Tokens.user("alice")).delete("/v1/likenesses/{id}/blocks/{p}", alices, Tokens.userId("carol"))
                .then().statusCode(204);
        assertEquals(true, Consents.check("carol", List.of(alices), "draft").getBoolean("allowed"));
    }

    @Test
    void forbiddenContentTagsDenyAndGuidelinesComeWithEveryAllowedCheck() {
        UUID alices = likeness("alice", "EVERYONE");
        String before = Consents.check("bob", List.of(alices), "draft").getString("consentToken");
        Consents.restrictions("alice", alices, """
                {"forbiddenTags": ["political", "endorsement"], "guidelines": "  No glasses, please. "}""");

        Consents.checkBody(scene("bob", alices, "\"contentTags\": [\"violence\", \"political\"]")).then().statusCode(200)
                .body("allowed", is(false))
                .body("decisions[0].reason", is("restricted-content"))
                .body("decisions[0].forbiddenTags", contains("political"));
        Consents.checkBody(scene("bob", alices, "\"contentTags\": [\"violence\"]")).then().statusCode(200)
                .body("allowed", is(true))
                .body("guidelines", contains("No glasses, please."))
                .body("consentToken", notNullValue());
        Consents.checkBody(scene("bob", alices, "\"contentTags\": [\"gossip\"]")).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("political"));
        Consents.register("bob", List.of(alices), before).then().statusCode(409).body("code", is("consent-withdrawn"));
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}", alices).then()
                .body("forbiddenTags", contains("political", "endorsement"));
    }

    @Test
    void aTokenCarriesTheCheckedContentSoRegistrationDecidesOnIt() {
        UUID alices = likeness("alice", "EVERYONE");
        String token = Consents.checkBody(scene("bob", alices, "\"contentTags\": [\"political\"]")).then().statusCode(200)
                .extract().path("consentToken");
        Consents.restrictions("alice", alices, "{\"forbiddenTags\": [\"violence\"]}");
        Consents.restrictions("alice", alices, "{\"forbiddenTags\": [\"political\"]}");
        Consents.register("bob", List.of(alices), token).then().statusCode(409).body("detail", containsString("changed"));
    }

    @Test
    void teenAccountsMayNotOpenTheirLikenessToEveryone() {
        UUID erins = Fixtures.verifiedLikeness("erin");
        assertEquals("teen", Tokens.claim(Tokens.user("erin"), "age_group"));
        given().auth().oauth2(Tokens.user("erin")).contentType(ContentType.JSON).body("{\"audience\":\"EVERYONE\"}")
                .put("/v1/likenesses/{id}/audience", erins).then().statusCode(422)
                .contentType("application/problem+json").body("code", is("audience-not-allowed"));
        given().auth().oauth2(Tokens.user("erin")).get("/v1/likenesses/{id}", erins).then().body("audience", is("ONLY_ME"));
        Consents.audience("erin", erins, "MUTUALS");
        Consents.audience("erin", erins, "APPROVED");
    }

    @Test
    void aProtectedNameDeniesTheCheckUnlessThatPersonsOwnLikenessConsents() {
        UUID alices = likeness("alice", "EVERYONE");
        UUID carols = likeness("carol", "EVERYONE");
        String name = "Zoë Okafor-" + suffix();
        given().auth().oauth2(Tokens.user("dana")).contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"aliases\": [\"The Real Z " + name.substring(11) + "\"], "
                        + "\"kind\": \"PUBLIC_FIGURE\", \"subjectId\": \"" + Tokens.userId("carol") + "\"}")
                .post("/v1/protected-persons").then().statusCode(201);

        String plain = "zoe okafor " + name.substring(11).toLowerCase();
        Consents.checkBody(scene("bob", alices, "\"mentionedNames\": [\"" + plain + "\"]")).then().statusCode(200)
                .body("allowed", is(false))
                .body("decisions[0].allowed", is(true))
                .body("mentions[0].name", is(plain))
                .body("mentions[0].reason", is("protected-person"))
                .body("consentToken", is((String) null));
        Consents.checkBody(scene("bob", alices, "\"mentionedNames\": [\"THE REAL Z  " + name.substring(11) + "!\"]"))
                .then().body("allowed", is(false));
        // Look-alike letters (Cyrillic о) and an invisible zero-width space do not hide the name.
        Consents.checkBody(scene("bob", alices, "\"mentionedNames\": [\"" + plain.replace('o', '\u043E').replace(" ", " \u200B") + "\"]"))
                .then().body("allowed", is(false));
        Consents.checkBody(scene("bob", alices, "\"mentionedNames\": [\"Zoe Okafor\"]")).then().body("allowed", is(true));

        String both = "{" + Consents.requester("bob") + ",\"likenessIds\":" + Consents.ids(List.of(alices, carols))
                + ",\"purpose\":\"draft\",\"mentionedNames\":[\"" + name.toUpperCase() + "\"]}";
        Consents.checkBody(both).then().statusCode(200).body("allowed", is(true)).body("mentions[0].allowed", is(true));
        Consents.audience("carol", carols, "ONLY_ME");
        Consents.checkBody(both).then().statusCode(200).body("allowed", is(false))
                .body("mentions[0].reason", is("protected-person"));
    }

    @Test
    void changesToOneProtectedPersonAtOnceAllSucceed() throws Exception {
        String person = given().auth().oauth2(Tokens.user("dana")).contentType(ContentType.JSON)
                .body("{\"name\": \"Parallel Person " + suffix() + "\", \"kind\": \"PUBLIC_FIGURE\"}")
                .post("/v1/protected-persons").then().statusCode(201).extract().path("id");
        String token = Tokens.user("dana");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String body = "{\"name\": \"Parallel Person\", \"aliases\": [\"Alias " + i + "\"], \"kind\": \"PUBLIC_FIGURE\"}";
                answers.add(pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                        .put("/v1/protected-persons/{id}", person).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            pool.shutdown();
        }
        given().auth().oauth2(token).get("/v1/protected-persons/{id}", person).then().statusCode(200).body("aliases.size()", is(1));
    }

    @Test
    void anEditReplacesTheNamesThatMatchAndARemovalFreesThem() {
        UUID alices = likeness("alice", "EVERYONE");
        String token = Tokens.user("dana");
        String name = "Quinn Vale " + suffix();
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"aliases\": [\"Old " + name + "\"], \"kind\": \"PUBLIC_FIGURE\"}")
                .post("/v1/protected-persons").then().statusCode(201).extract().path("id");
        assertMentionAllowed(alices, "old " + name, false);

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"aliases\": [\"New " + name + "\"], \"kind\": \"PUBLIC_FIGURE\"}")
                .put("/v1/protected-persons/{id}", id).then().statusCode(200);
        assertMentionAllowed(alices, "old " + name, true);
        assertMentionAllowed(alices, "new " + name, false);
        given().auth().oauth2(token).queryParam("q", "NEW " + name).get("/v1/protected-persons").then().statusCode(200)
                .body("id", hasItem(id));

        given().auth().oauth2(token).delete("/v1/protected-persons/{id}", id).then().statusCode(204);
        assertMentionAllowed(alices, name, true);
        assertMentionAllowed(alices, "new " + name, true);
    }

    @Test
    void theRegistryIsListedNewestFirstInPagesLinkedByTheLinkHeader() {
        String token = Tokens.user("dana");
        String family = "Paged Family " + suffix();
        List<String> added = new ArrayList<>();
        for (String given : List.of("Ada", "Bea", "Cy")) {
            added.add(0, given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"name\": \"" + family + " " + given + "\", \"kind\": \"PUBLIC_FIGURE\"}")
                    .post("/v1/protected-persons").then().statusCode(201).extract().path("id"));
        }

        Response first = given().auth().oauth2(token).queryParam("q", family).queryParam("limit", 2).get("/v1/protected-persons");
        first.then().statusCode(200).body("size()", is(2));
        Matcher next = AccessRequestTest.NEXT.matcher(first.header("Link"));
        assertTrue(next.matches(), "Link: " + first.header("Link"));
        Response second = given().urlEncodingEnabled(false).auth().oauth2(token).get(next.group(1)); // the link is encoded already
        second.then().statusCode(200).body("size()", is(1)).header("Link", nullValue());
        List<String> listed = new ArrayList<>(first.jsonPath().getList("id"));
        listed.addAll(second.jsonPath().getList("id"));
        assertEquals(added, listed, "newest first, each once, the query kept");

        for (String query : List.of("limit=0", "limit=101", "cursor=not-a-cursor")) {
            given().auth().oauth2(token).get("/v1/protected-persons?" + query).then().statusCode(400)
                    .contentType("application/problem+json").body("code", is("validation-failed"));
        }
    }

    @Test
    void anAnswerNeverPredatesTheRevisionAskedFor() {
        UUID alices = likeness("alice", "EVERYONE");
        long revision = Consents.revision("alice", alices);
        Consents.checkBody(scene("bob", alices, "\"atLeastRevision\": {\"" + alices + "\": " + revision + "}")).then()
                .body("allowed", is(true));
        Consents.checkBody(scene("bob", alices, "\"atLeastRevision\": {\"" + alices + "\": " + (revision + 1) + "}")).then()
                .body("allowed", is(false)).body("decisions[0].reason", is("revision-not-reached"));
        Consents.checkBody(scene("bob", alices, "\"atLeastRevision\": {\"" + UUID.randomUUID() + "\": 1}")).then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", contains("atLeastRevision"));
    }

    @Test
    void revokingEveryGrantAtOnceDefeatsEveryToken() {
        UUID alices = likeness("alice", "APPROVED");
        Consents.grant("alice", alices, "bob", "[\"draft\"]");
        Consents.grant("alice", alices, "carol", "[\"draft\"]");
        String bobs = Consents.check("bob", List.of(alices), "draft").getString("consentToken");
        given().auth().oauth2(Tokens.user("alice")).delete("/v1/likenesses/{id}/grants", alices).then().statusCode(200)
                .body("revoked", is(2));
        Consents.register("bob", List.of(alices), bobs).then().statusCode(409);
        assertReason("not-permitted", Consents.check("carol", List.of(alices), "draft").getString("decisions[0].reason"));
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/grants", alices).then()
                .body("findAll { it.status == 'ACTIVE' }", empty());
    }

    static UUID likeness(String owner, String audience) {
        UUID likeness = Fixtures.verifiedLikeness(owner);
        Consents.audience(owner, likeness, audience);
        return likeness;
    }

    static String scene(String requester, UUID likeness, String extra) {
        return "{" + Consents.requester(requester) + ",\"likenessIds\":[\"" + likeness + "\"],\"purpose\":\"draft\","
                + extra + "}";
    }

    private static void assertMentionAllowed(UUID likeness, String mentioned, boolean allowed) {
        Consents.checkBody(scene("bob", likeness, "\"mentionedNames\": [\"" + mentioned + "\"]")).then().statusCode(200)
                .body("allowed", is(allowed));
    }

    private static String suffix() {
        return java.util.concurrent.ThreadLocalRandom.current().ints(6, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static void assertReason(String expected, String actual) {
        assertEquals(expected, actual);
    }
}
