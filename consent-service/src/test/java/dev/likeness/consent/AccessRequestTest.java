package dev.likeness.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.likeness.consent.access.AccessRequestConfig;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Someone asks, the owner approves (a grant) or denies; both sides hear of it through events. */
@QuarkusTest
class AccessRequestTest {

    /** A {@code Link} header to the next page, its target in group 1. */
    static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Inject AccessRequestConfig limits;

    @Test
    void anApprovedRequestBecomesAGrantAndBothSidesAreTold() {
        UUID alices = ConsentModelTest.likeness("alice", "APPROVED");
        String requestId = ask("bob", "{\"likenessId\":\"" + alices + "\",\"purposes\":[\"draft\",\"remix\"],"
                + "\"message\":\"For my birthday video\"}").then().statusCode(201)
                .body("status", is("PENDING")).body("message", is("For my birthday video")).extract().path("id");
        ask("bob", "{\"likenessId\":\"" + alices + "\",\"purposes\":[\"draft\"]}").then().statusCode(409)
                .contentType("application/problem+json").body("code", is("request-pending"));

        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/access-requests?status=PENDING", alices).then()
                .statusCode(200).body("id", contains(requestId)).body("[0].requesterId", is(Tokens.userId("bob")));
        given().auth().oauth2(Tokens.user("carol")).get("/v1/likenesses/{id}/access-requests", alices).then().statusCode(404);
        given().auth().oauth2(Tokens.user("carol")).contentType(ContentType.JSON).body("{}")
                .post("/v1/likenesses/{id}/access-requests/{r}/approval", alices, requestId).then().statusCode(404);

        String grantId = given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body("{\"maxUses\": 3}")
                .post("/v1/likenesses/{id}/access-requests/{r}/approval", alices, requestId).then().statusCode(200)
                .body("status", is("APPROVED")).body("grantId", notNullValue()).extract().path("grantId");
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/grants", alices).then()
                .body("find { it.id == '" + grantId + "' }.maxUses", is(3))
                .body("find { it.id == '" + grantId + "' }.purposes", contains("draft", "remix"));
        assertTrue(Consents.check("bob", List.of(alices), "remix").getBoolean("allowed"));
        given().auth().oauth2(Tokens.user("bob")).get("/v1/access-requests").then()
                .body("find { it.id == '" + requestId + "' }.status", is("APPROVED"));
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body("{}")
                .post("/v1/likenesses/{id}/access-requests/{r}/denial", alices, requestId).then().statusCode(409)
                .body("code", is("request-decided"));

        Map<String, List<String>> events = Fixtures.consentEvents(alices, 4);
        assertEquals(1, events.get("access.requested").size(), "events: " + events.keySet());
        assertTrue(events.get("access.requested").get(0).contains("For my birthday video"));
        assertEquals(1, events.get("access.approved").size());
        assertTrue(events.get("access.approved").get(0).contains(grantId));
        assertEquals(1, events.get("grant.created").size());
    }

    @Test
    void aDeniedRequestGrantsNothingAndAWithdrawnOneCanBeAskedAgain() {
        UUID alices = ConsentModelTest.likeness("alice", "APPROVED");
        String first = ask("carol", askFor(alices)).then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body("{}")
                .post("/v1/likenesses/{id}/access-requests/{r}/denial", alices, first).then().statusCode(200)
                .body("status", is("DENIED"));
        assertEquals("not-permitted", Consents.check("carol", List.of(alices), "draft").getString("decisions[0].reason"));

        String second = ask("bob", askFor(alices)).then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.user("carol")).delete("/v1/access-requests/{r}", second).then().statusCode(404);
        given().auth().oauth2(Tokens.user("bob")).delete("/v1/access-requests/{r}", second).then().statusCode(200)
                .body("status", is("WITHDRAWN"));
        ask("bob", askFor(alices)).then().statusCode(201);

        Map<String, List<String>> events = Fixtures.consentEvents(alices, 4);
        assertEquals(3, events.get("access.requested").size());
        assertEquals(1, events.get("access.denied").size());
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/ledger", alices).then()
                .body("entries.type", hasItem("access.withdrawn")).body("verification.valid", is(true));
    }

    @Test
    void askingAgainAfterADenialWaitsForTheCooldownAndWritesNothing() {
        UUID alices = ConsentModelTest.likeness("alice", "APPROVED");
        String denied = ask("carol", askFor(alices)).then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body("{}")
                .post("/v1/likenesses/{id}/access-requests/{r}/denial", alices, denied).then().statusCode(200);
        int entries = ledgerEntries(alices);

        Response refused = ask("carol", askFor(alices));
        refused.then().statusCode(429).contentType("application/problem+json").body("code", is("request-cooldown"));
        assertRetryAfterWithin(refused, limits.cooldownAfterDenial());
        assertEquals(entries, ledgerEntries(alices), "a refused request leaves no trace");

        ask("bob", askFor(alices)).then().statusCode(201);
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/access-requests", alices).then()
                .body("status", contains("PENDING", "DENIED"));
    }

    @Test
    void askingAndWithdrawingInALoopStopsAtThePerLikenessLimit() {
        UUID alices = ConsentModelTest.likeness("alice", "APPROVED");
        for (int i = 0; i < limits.maxRequestsPerLikeness(); i++) {
            String request = ask("bob", askFor(alices)).then().statusCode(201).extract().path("id");
            given().auth().oauth2(Tokens.user("bob")).delete("/v1/access-requests/{r}", request).then().statusCode(200);
        }
        int entries = ledgerEntries(alices);

        Response refused = ask("bob", askFor(alices));
        refused.then().statusCode(429).contentType("application/problem+json").body("code", is("too-many-requests"));
        assertRetryAfterWithin(refused, limits.requestWindow());
        assertEquals(entries, ledgerEntries(alices), "a refused request leaves no trace");
        ask("carol", askFor(alices)).then().statusCode(201);
    }

    @Test
    void aPersonHasAtMostMaxPendingRequestsWaitingAndWithdrawingOneMakesRoom() {
        String asker = Users.create("Asker");
        List<UUID> likenesses = IntStream.rangeClosed(0, limits.maxPending()).mapToObj(i -> Fixtures.verifiedLikeness("alice")).toList();
        for (UUID likeness : likenesses.subList(0, limits.maxPending())) {
            ask(asker, askFor(likeness)).then().statusCode(201);
        }
        UUID last = likenesses.get(limits.maxPending());
        int entries = ledgerEntries(last);

        ask(asker, askFor(last)).then().statusCode(409).contentType("application/problem+json")
                .body("code", is("too-many-pending-requests"));
        assertEquals(entries, ledgerEntries(last), "a refused request leaves no trace");

        String newest = given().auth().oauth2(Tokens.user(asker)).get("/v1/access-requests?limit=1").then().statusCode(200)
                .extract().path("[0].id");
        given().auth().oauth2(Tokens.user(asker)).delete("/v1/access-requests/{r}", newest).then().statusCode(200);
        ask(asker, askFor(last)).then().statusCode(201);
    }

    @Test
    void listsComeInPagesLinkedByTheLinkHeader() {
        UUID alices = ConsentModelTest.likeness("alice", "APPROVED");
        List<String> asked = new ArrayList<>();
        for (String requester : List.of("bob", "carol", "erin")) {
            asked.add(0, ask(requester, askFor(alices)).then().statusCode(201).extract().path("id"));
        }
        String path = "/v1/likenesses/" + alices + "/access-requests";

        Response first = given().auth().oauth2(Tokens.user("alice")).get(path + "?status=PENDING&limit=2");
        first.then().statusCode(200).body("size()", is(2));
        Matcher next = NEXT.matcher(first.header("Link"));
        assertTrue(next.matches(), "Link: " + first.header("Link"));
        assertTrue(next.group(1).startsWith(path + "?") && next.group(1).contains("status=PENDING"), next.group(1));
        Response second = given().auth().oauth2(Tokens.user("alice")).get(next.group(1));
        second.then().statusCode(200).body("size()", is(1)).header("Link", nullValue());
        List<String> listed = new ArrayList<>(first.jsonPath().getList("id"));
        listed.addAll(second.jsonPath().getList("id"));
        assertEquals(asked, listed, "newest first, each once");

        for (String list : List.of(path, "/v1/access-requests", "/v1/likenesses/" + alices + "/grants",
                "/v1/likenesses/" + alices + "/blocks")) {
            for (String query : List.of("limit=0", "limit=101", "cursor=not-a-cursor")) {
                given().auth().oauth2(Tokens.user("alice")).get(list + "?" + query).then().statusCode(400)
                        .contentType("application/problem+json").body("code", is("validation-failed"));
            }
        }
    }

    @Test
    void blockedPeopleUnknownLikenessesAndTheOwnerCannotAsk() {
        UUID alices = ConsentModelTest.likeness("alice", "APPROVED");
        Consents.block("alice", alices, "bob");
        ask("bob", "{\"likenessId\":\"" + alices + "\",\"purposes\":[\"draft\"]}").then().statusCode(404)
                .contentType("application/problem+json");
        ask("bob", "{\"likenessId\":\"" + UUID.randomUUID() + "\",\"purposes\":[\"draft\"]}").then()
                .statusCode(404);
        ask("alice", "{\"likenessId\":\"" + alices + "\",\"purposes\":[\"draft\"]}").then().statusCode(422)
                .body("code", is("own-likeness"));
        ask("carol", "{\"likenessId\":\"" + alices + "\",\"purposes\":[\"sing\"]}").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/access-requests", alices).then()
                .statusCode(200).body("size()", is(0));
    }

    private static String askFor(UUID likeness) {
        return "{\"likenessId\":\"" + likeness + "\",\"purposes\":[\"draft\"]}";
    }

    private static int ledgerEntries(UUID likeness) {
        return Consents.ledger("alice", likeness).getList("entries").size();
    }

    /** Retry-After in whole seconds: at most the wait, and not much less (the refusal came right after the cause). */
    private static void assertRetryAfterWithin(Response refused, Duration wait) {
        long seconds = Long.parseLong(refused.header("Retry-After"));
        assertTrue(seconds <= wait.toSeconds() && seconds > wait.minusMinutes(1).toSeconds(), "Retry-After: " + seconds);
    }

    private static Response ask(String requester, String body) {
        return given().auth().oauth2(Tokens.user(requester)).contentType(ContentType.JSON).body(body).post("/v1/access-requests");
    }
}
