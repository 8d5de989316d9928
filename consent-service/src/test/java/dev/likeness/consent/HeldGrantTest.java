package dev.likeness.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The grantee's side: {@code GET /v1/grants} lists the grants in force a person holds. People are
 * made for each test ({@link Users#create}), so what they hold is only what the test granted them.
 */
@QuarkusTest
class HeldGrantTest {

    @Inject Pool database;

    @Test
    void aGranteeSeesTheGrantTheyHoldUntilItIsRevokedAndNobodyElseSeesIt() {
        String alice = Users.create("Alice");
        String bob = Users.create("Bob");
        String carol = Users.create("Carol");
        UUID likeness = Fixtures.verifiedLikeness(alice);
        String grant = Consents.grant(alice, likeness, bob, "[\"draft\",\"publish\"]");

        held(bob, "").then()
                .statusCode(200)
                .body("grants.size()", is(1))
                .body("grants[0].id", is(grant))
                .body("grants[0].likenessId", is(likeness.toString()))
                .body("grants[0].ownerId", is(Tokens.userId(alice)))
                .body("grants[0].likenessStatus", is("VERIFIED"))
                .body("grants[0].purposes", containsInAnyOrder("draft", "publish"))
                .body("grants[0].expiresAt", nullValue())
                .body("grants[0].maxUses", nullValue())
                .body("grants[0].uses", is(0))
                .body("grants[0].createdAt", notNullValue())
                .body("nextCursor", nullValue());
        held(carol, "").then().statusCode(200).body("grants", empty());
        held(alice, "").then().statusCode(200).body("grants", empty()); // the owner gave it; she holds nothing

        Consents.revoke(alice, likeness, grant);
        held(bob, "").then().statusCode(200).body("grants", empty());
    }

    @Test
    void expiredAndUsedUpGrantsAreNotListed() {
        String alice = Users.create("Alice");
        String bob = Users.create("Bob");
        UUID expiring = Fixtures.verifiedLikeness(alice);
        UUID limited = ConsentModelTest.likeness(alice, "APPROVED");
        UUID lasting = Fixtures.verifiedLikeness(alice);
        String bobId = Tokens.userId(bob);
        String expiringGrant = grant(alice, expiring, "{\"granteeId\":\"" + bobId + "\",\"purposes\":[\"draft\"],\"expiresAt\":\""
                + OffsetDateTime.now().plusHours(1) + "\"}");
        String limitedGrant = grant(alice, limited, "{\"granteeId\":\"" + bobId + "\",\"purposes\":[\"draft\"],\"maxUses\":1}");
        String lastingGrant = grant(alice, lasting, "{\"granteeId\":\"" + bobId
                + "\",\"purposes\":[\"draft\"],\"expiresAt\":\"2099-01-01T00:00:00Z\",\"maxUses\":5}");
        assertEquals(List.of(lastingGrant, limitedGrant, expiringGrant), ids(bob, ""));

        // Used up: the one draft it allows is registered.
        String token = Consents.check(bob, List.of(limited), "draft").getString("consentToken");
        Consents.register(bob, List.of(limited), token).then().statusCode(201);
        // Expired: its end has passed (moved into the past in the database rather than waited for).
        database.preparedQuery("UPDATE consent_grant SET expires_at = now() - interval '1 second' WHERE id = $1")
                .executeAndAwait(Tuple.of(UUID.fromString(expiringGrant)));

        held(bob, "").then().statusCode(200)
                .body("grants.size()", is(1))
                .body("grants[0].id", is(lastingGrant))
                .body("grants[0].maxUses", is(5))
                .body("grants[0].uses", is(0))
                .body("grants[0].expiresAt", startsWith("2099-01-01T00:00"));
        // The owner still sees both, spent.
        given().auth().oauth2(Tokens.user(alice)).get("/v1/likenesses/{id}/grants", limited).then()
                .body("[0].status", is("USED_UP")).body("[0].uses", is(1));
        given().auth().oauth2(Tokens.user(alice)).get("/v1/likenesses/{id}/grants", expiring).then().body("[0].status", is("EXPIRED"));
    }

    @Test
    void aGrantOnASuspendedLikenessSaysSoAndADeletedLikenessTakesItsGrantsAlong() {
        String alice = Users.create("Alice");
        String bob = Users.create("Bob");
        UUID likeness = Fixtures.verifiedLikeness(alice);
        String grant = Consents.grant(alice, likeness, bob, "[\"draft\"]");
        String owner = Tokens.userId(alice);

        Fixtures.sendIdentityEvent(likeness, "suspended", """
                {"likenessId":"%s","ownerId":"%s","reason":"Reported impersonation","suspendedAt":"%s"}"""
                .formatted(likeness, owner, OffsetDateTime.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> "SUSPENDED".equals(held(bob, "").jsonPath().getString("grants[0].likenessStatus")));
        held(bob, "").then().body("grants.id", is(List.of(grant)));

        Fixtures.sendIdentityEvent(likeness, "deleted", """
                {"likenessId":"%s","ownerId":"%s","deletedAt":"%s"}""".formatted(likeness, owner, OffsetDateTime.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ids(bob, "").isEmpty());
    }

    @Test
    void pagesAreNewestFirstBoundedAndFollowTheCursor() {
        String alice = Users.create("Alice");
        String bob = Users.create("Bob");
        List<String> made = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(Consents.grant(alice, Fixtures.verifiedLikeness(alice), bob, "[\"draft\"]"));
        }

        assertEquals(List.of(made.get(2), made.get(1), made.get(0)), ids(bob, ""));
        JsonPath first = held(bob, "?limit=2").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(made.get(2), made.get(1)), first.getList("grants.id"));
        assertNotNull(first.getString("nextCursor"));
        JsonPath second = given().auth().oauth2(Tokens.user(bob)).queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .get("/v1/grants").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(made.get(0)), second.getList("grants.id"));
        assertNull(second.getString("nextCursor"));

        for (String limit : List.of("0", "101", "-1")) {
            held(bob, "?limit=" + limit).then().statusCode(400).contentType("application/problem+json")
                    .body("code", is("validation-failed")).body("errors.field", hasItem("limit"));
        }
        held(bob, "?cursor=bm9wZQ").then().statusCode(400).contentType("application/problem+json")
                .body("code", is("validation-failed")).body("errors.field", hasItem("cursor"));
    }

    @Test
    void onlyPeopleHoldGrants() {
        given().auth().oauth2(Tokens.platform()).get("/v1/grants").then()
                .statusCode(403).contentType("application/problem+json").body("code", is("forbidden"));
        given().auth().oauth2(Tokens.user("dana")).get("/v1/grants").then()
                .statusCode(403).contentType("application/problem+json").body("code", is("forbidden"));
        given().get("/v1/grants").then()
                .statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void theOperationIsDocumentedWithItsBounds() {
        given().accept("application/json").get("/q/openapi").then()
                .statusCode(200)
                .body("paths.'/v1/grants'.get.operationId", is("listHeldGrants"))
                .body("paths.'/v1/grants'.get.parameters.find { it.name == 'limit' }.schema.minimum", is(1))
                .body("paths.'/v1/grants'.get.parameters.find { it.name == 'limit' }.schema.maximum", is(100))
                .body("paths.'/v1/grants'.get.parameters.find { it.name == 'limit' }.schema.default", is(50))
                .body("paths.'/v1/grants'.get.parameters.find { it.name == 'cursor' }.schema.maxLength", is(200))
                .body("components.schemas.HeldGrant.properties.likenessStatus", notNullValue());
    }

    private static Response held(String person, String query) {
        return given().auth().oauth2(Tokens.user(person)).get("/v1/grants" + query);
    }

    private static List<String> ids(String person, String query) {
        return held(person, query).then().statusCode(200).extract().jsonPath().getList("grants.id");
    }

    private static String grant(String owner, UUID likeness, String body) {
        return Consents.grant(owner, likeness, body).then().statusCode(201).extract().path("id");
    }
}
