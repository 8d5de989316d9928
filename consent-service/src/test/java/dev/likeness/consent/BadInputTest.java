package dev.likeness.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.likeness.devstack.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Every JSON endpoint, fed each kind of bad input: the right 4xx, as problem+json, and nothing
 * changes (no grant, no draft, the likeness still at revision 1).
 */
@QuarkusTest
class BadInputTest {

    enum Endpoint {
        AUDIENCE("PUT", "/v1/likenesses/{likeness}/audience", "alice", "{\"audience\":\"EVERYONE\"}", "{\"audience\":[]}"),
        GRANT("POST", "/v1/likenesses/{likeness}/grants", "alice", "{\"granteeId\":\"someone\",\"purposes\":[\"draft\"]}",
                "{\"granteeId\":\"someone\",\"purposes\":\"draft\",\"maxUses\":\"many\"}"),
        CHECK("POST", "/v1/checks", null, "{\"requesterId\":\"someone\",\"requesterToken\":\"t\",\"likenessIds\":[\"{likeness}\"],\"purpose\":\"draft\"}",
                "{\"requesterId\":{},\"likenessIds\":\"{likeness}\",\"purpose\":\"draft\"}"),
        DRAFT("POST", "/v1/drafts", null, "{\"draftId\":\"d\",\"creatorId\":\"c\",\"creatorToken\":\"t\",\"likenessIds\":[\"{likeness}\"],\"consentToken\":\"t\"}",
                "{\"draftId\":1,\"creatorId\":\"c\",\"likenessIds\":[true],\"consentToken\":\"t\"}");

        final String method;
        final String path;
        final String person;
        final String valid;
        final String wrongTypes;

        Endpoint(String method, String path, String person, String valid, String wrongTypes) {
            this.method = method;
            this.path = path;
            this.person = person;
            this.valid = valid;
            this.wrongTypes = wrongTypes;
        }

        Supplier<String> token() {
            return person == null ? Tokens::platform : () -> Tokens.user(person);
        }
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void badInputIsAProblemAndChangesNothing(Endpoint endpoint) {
        UUID likeness = Fixtures.verifiedLikeness("alice");
        String path = endpoint.path.replace("{likeness}", likeness.toString());

        send(endpoint, path, endpoint.token().get(), ContentType.JSON, "{\"broken\": ").then()
                .statusCode(400).contentType("application/problem+json").body("code", is("malformed-json"));
        send(endpoint, path, endpoint.token().get(), ContentType.JSON, endpoint.wrongTypes.replace("{likeness}", likeness.toString()))
                .then().statusCode(400).contentType("application/problem+json").body("code", is("invalid-body"));
        send(endpoint, path, endpoint.token().get(), ContentType.JSON, "{}").then()
                .statusCode(400).contentType("application/problem+json").body("code", is("validation-failed"));
        send(endpoint, path, endpoint.token().get(), ContentType.JSON, "[]").then()
                .statusCode(400).contentType("application/problem+json");
        String valid = endpoint.valid.replace("{likeness}", likeness.toString());
        send(endpoint, path, endpoint.token().get(), ContentType.TEXT, valid).then()
                .statusCode(415).contentType("application/problem+json");
        send(endpoint, path, null, ContentType.JSON, valid).then()
                .statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"));
        send(endpoint, path, Tokens.forged(endpoint.token().get()), ContentType.JSON, valid).then()
                .statusCode(401).contentType("application/problem+json");

        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}", likeness).then()
                .body("revision", is(1)).body("audience", is("ONLY_ME"));
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/grants", likeness).then().body("size()", is(0));
    }

    @ParameterizedTest
    @EnumSource(value = Endpoint.class, names = {"AUDIENCE", "GRANT"})
    void unknownIdsAreNotFound(Endpoint endpoint) {
        String path = endpoint.path.replace("{likeness}", UUID.randomUUID().toString());
        send(endpoint, path, endpoint.token().get(), ContentType.JSON, endpoint.valid).then()
                .statusCode(404).contentType("application/problem+json").body("code", is("not-found"));
        send(endpoint, endpoint.path.replace("{likeness}", "not-a-uuid"), endpoint.token().get(), ContentType.JSON, endpoint.valid)
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static io.restassured.response.Response send(Endpoint endpoint, String path, String token, ContentType type,
                                                         String body) {
        RequestSpecification request = given().contentType(type).body(body);
        if (token != null) {
            request.auth().oauth2(token);
        }
        return request.request(endpoint.method, path);
    }
}
