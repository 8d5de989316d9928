package dev.likeness.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.likeness.devstack.StackInfo;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import dev.likeness.kit.http.RateLimitConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** Who may call what, and how refusals and bad requests look: RFC 9457 problems, nothing changed. */
@QuarkusTest
class SecurityAndProblemsTest {

    @Inject RateLimitConfig rateLimit;

    private UUID likeness;

    @BeforeEach
    void aliceHasALikeness() {
        likeness = Fixtures.verifiedLikeness("alice");
    }

    @Test
    void requestWithoutTokenIsRefusedWithABearerChallenge() {
        given().get("/v1/me").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", is(401))
                .body("code", is("unauthorized"))
                .body("type", is("urn:likeness:problem:unauthorized"))
                .body("instance", is("/v1/me"));
    }

    @Test
    void garbageTokenIsRefused() {
        given().auth().oauth2("not-a-token").get("/v1/me").then()
                .statusCode(401).contentType("application/problem+json");
    }

    @Test
    void tokenWithForgedClaimsIsRefused() {
        String[] parts = Tokens.user("bob").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forged = payload.replace("\"user\"", "\"trust-safety\"");
        String token = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes()) + "." + parts[2];
        given().auth().oauth2(token).get("/v1/me").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void tokenOfTheRealmButForAnotherAudienceIsRefused() {
        // The identity admin client's token is genuine, but not issued for likeness-api.
        given().auth().oauth2(Tokens.clientCredentials(StackInfo.IDENTITY_ADMIN_CLIENT)).get("/v1/me").then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void platformMayNotManageAPersonsLikenesses() {
        given().auth().oauth2(Tokens.platform()).get("/v1/likenesses").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", is("forbidden"));
    }

    @Test
    void rightRoleReachesTheResource() {
        given().auth().oauth2(Tokens.user("alice")).get("/v1/me").then()
                .statusCode(200)
                .body("id", is(Tokens.userId("alice")))
                .body("username", is("alice"))
                .body("roles", hasItem("user"));
        given().auth().oauth2(Tokens.platform()).get("/v1/me").then()
                .statusCode(200)
                .body("roles", hasItem("platform"));
    }

    @Test
    void anotherPersonsLikenessDoesNotExistForThem() {
        given().auth().oauth2(Tokens.user("bob")).get("/v1/likenesses/{id}", likeness).then()
                .statusCode(404).contentType("application/problem+json").body("code", is("not-found"));
        given().auth().oauth2(Tokens.user("bob")).contentType(ContentType.JSON).body("{\"audience\":\"EVERYONE\"}")
                .put("/v1/likenesses/{id}/audience", likeness).then().statusCode(404);
        assertUnchanged();
    }

    @Test
    void unknownLikenessIsNotFound() {
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}", UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void malformedJsonIsRefusedAndChangesNothing() {
        refused("{\"audience\": \"EVERYONE\"")
                .body("code", is("malformed-json"))
                .body("detail", not(containsString("jackson")));
        assertUnchanged();
    }

    @Test
    void unknownEnumValueIsRefusedNamingTheField() {
        refused("{\"audience\": \"FRIENDS_OF_FRIENDS\"}")
                .body("code", is("invalid-body"))
                .body("errors[0].field", is("audience"))
                .body("detail", containsString("ONLY_ME"));
        audience("{\"audience\": 7}").then().statusCode(400).body("errors[0].field", is("audience"));
        assertUnchanged();
    }

    @Test
    void missingFieldIsRefusedNamingTheField() {
        refused("{}")
                .body("code", is("validation-failed"))
                .body("errors.field", hasItems("audience"));
        refused("");
        assertUnchanged();
    }

    @Test
    void wrongContentTypeIsRefused() {
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.XML).body("<audience>EVERYONE</audience>")
                .put("/v1/likenesses/{id}/audience", likeness).then()
                .statusCode(415).contentType("application/problem+json");
        assertUnchanged();
    }

    @Test
    void unknownPathAndMethodAreProblems() {
        given().auth().oauth2(Tokens.user("alice")).get("/v1/nothing-here").then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.user("alice")).delete("/v1/me").then()
                .statusCode(405).contentType("application/problem+json");
    }

    @Test
    void writesPastTheBurstAreRefusedForThatPersonAloneAndChecksAreNotCounted() {
        String flooder = Tokens.user(Users.create()); // nobody else's bucket is emptied
        int burst = rateLimit.user().burst();
        int sent = 0;
        Response answer;
        // Writes to no likeness (404) count too; up to twice the burst, for what the bucket wins back meanwhile.
        do {
            answer = given().auth().oauth2(flooder).contentType(ContentType.JSON).body("{\"audience\":\"EVERYONE\"}")
                    .put("/v1/likenesses/{id}/audience", UUID.randomUUID());
            sent++;
        } while (answer.statusCode() == 404 && sent < 2 * burst);
        answer.then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("code", is("too-many-writes"))
                .body("status", is(429));
        assertTrue(sent > burst, "refused after " + sent + " writes, within the burst of " + burst);

        Consents.audience("alice", likeness, "APPROVED"); // another person writes as ever
        // Twice the platform's burst in checks, at its test rate of two a second: counted, some would be 429.
        for (int i = 0; i < 2 * rateLimit.platform().burst(); i++) {
            Consents.check("bob", List.of(likeness), "draft");
        }
    }

    @Test
    void openApiDocumentsOperationsAndTheBearerScheme() {
        given().accept("application/json").get("/q/openapi").then()
                .statusCode(200)
                .body("paths.'/v1/likenesses/{likenessId}/audience'.put.operationId", is("setAudience"))
                .body("components.securitySchemes.bearer.scheme", is("bearer"));
    }

    private io.restassured.response.Response audience(String body) {
        return given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(body)
                .put("/v1/likenesses/{id}/audience", likeness);
    }

    /** Alice's audience change with this body, refused as a bad request problem. */
    private ValidatableResponse refused(String body) {
        return audience(body).then().statusCode(400).contentType("application/problem+json");
    }

    private void assertUnchanged() {
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}", likeness).then()
                .statusCode(200)
                .body("audience", is("ONLY_ME"))
                .body("revision", is(1));
    }
}
