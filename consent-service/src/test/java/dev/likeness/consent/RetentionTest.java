package dev.likeness.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.Tokens;
import dev.likeness.kit.retention.Retention;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The retention schedule (README "Retention"): a requester's message goes 90 days after the
 * request was decided or withdrawn, the request stays; a pending request keeps it however old.
 * Requests are made through the API, then their times moved back in the database.
 */
@QuarkusTest
class RetentionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject Retention retention;
    @Inject Pool database;
    @Inject Clock clock;

    @Test
    void aRequestersMessageGoesLongAfterTheDecisionAndTheRequestStays() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        UUID alices = ConsentModelTest.likeness("alice", "APPROVED");
        UUID alicesOther = ConsentModelTest.likeness("alice", "APPROVED");
        String deniedLongAgo = ask("bob", alices, "For my film");
        decide(alices, deniedLongAgo, "denial");
        String withdrawnLately = ask("carol", alices, "For my vlog");
        given().auth().oauth2(Tokens.user("carol")).delete("/v1/access-requests/{r}", withdrawnLately).then().statusCode(200);
        String pendingLongAgo = ask("bob", alicesOther, "Still waiting");
        moveBack(deniedLongAgo, now.minusDays(100), now.minusDays(91));
        moveBack(withdrawnLately, now.minusDays(100), now.minusDays(89));
        moveBack(pendingLongAgo, now.minusDays(400), null);

        Set<String> rules = retention.run().await().atMost(TIMEOUT).keySet();

        assertEquals(Set.of("consumed-events", "erased-persons", "access-request-messages"), rules, "the kit's rules and the service's");
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/access-requests", alices).then().statusCode(200)
                .body("find { it.id == '" + deniedLongAgo + "' }.status", is("DENIED"))
                .body("find { it.id == '" + deniedLongAgo + "' }.decidedAt", notNullValue())
                .body("find { it.id == '" + deniedLongAgo + "' }.message", nullValue())
                .body("find { it.id == '" + withdrawnLately + "' }.message", is("For my vlog"));
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/access-requests", alicesOther).then().statusCode(200)
                .body("find { it.id == '" + pendingLongAgo + "' }.status", is("PENDING"))
                .body("find { it.id == '" + pendingLongAgo + "' }.message", is("Still waiting"));
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/ledger", alices).then()
                .body("verification.valid", is(true));
    }

    private static String ask(String requester, UUID likeness, String message) {
        return given().auth().oauth2(Tokens.user(requester)).contentType(ContentType.JSON)
                .body("{\"likenessId\":\"" + likeness + "\",\"purposes\":[\"draft\"],\"message\":\"" + message + "\"}")
                .post("/v1/access-requests").then().statusCode(201).extract().path("id");
    }

    private static void decide(UUID likeness, String request, String decision) {
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body("{}")
                .post("/v1/likenesses/{id}/access-requests/{r}/" + decision, likeness, request).then().statusCode(200);
    }

    private void moveBack(String request, OffsetDateTime createdAt, OffsetDateTime decidedAt) {
        database.preparedQuery("UPDATE access_request SET created_at = $2, decided_at = coalesce($3, decided_at) WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(request), createdAt, decidedAt)).await().atMost(TIMEOUT);
    }
}
