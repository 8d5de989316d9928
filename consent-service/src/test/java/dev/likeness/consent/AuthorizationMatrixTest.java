package dev.likeness.consent;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every endpoint as anonymous, another person, the owner, a platform and trust and safety; the
 * same table is in the README. Callers go in that order but the owner last, so the owner's
 * changes come after everybody else's refusals; the platform's rows come first, while the
 * consent tokens made for them are current.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    private enum Caller { ANONYMOUS, OTHER, OWNER, PLATFORM, TRUST_SAFETY }

    /** One endpoint: method, path, body (or null) and the status each caller gets, in {@link Caller} order. */
    private record Row(String method, String path, String body, int... expected) {
    }

    @Test
    void everyEndpointAnswersEachCallerAsTheMatrixSays() {
        UUID likeness = ConsentModelTest.likeness("alice", "EVERYONE");
        String grant = Consents.grant("alice", likeness, "bob", "[\"draft\"]");
        String draft = register(likeness);
        String published = register(likeness);
        String carol = Tokens.userId("carol");
        String bob = Tokens.userId("bob");
        String blockedPerson = Tokens.userId("dana");
        String protectedPerson = protectedPerson();
        String removedPerson = protectedPerson();
        String l = "/v1/likenesses/" + likeness;
        String bobsRequest = request("bob", likeness);
        String anotherRequest = request("carol", likeness);
        String publishToken = Consents.check("bob", List.of(likeness), "publish").getString("consentToken");
        String draftBody = "{\"draftId\":\"" + UUID.randomUUID() + "\",\"creatorId\":\"" + bob + "\",\"creatorToken\":\"" + Tokens.requester("bob") + "\",\"likenessIds\":[\"" + likeness
                + "\"],\"consentToken\":\"" + Consents.check("bob", List.of(likeness), "draft").getString("consentToken") + "\"}";
        String person = "{\"name\":\"Matrix Person " + UUID.randomUUID() + "\",\"kind\":\"ESTATE_REQUEST\"}";

        List<Row> rows = List.of(
                new Row("GET", "/v1/me", null, 401, 200, 200, 200, 200),
                new Row("POST", "/v1/checks", "{" + Consents.requester("bob") + ",\"likenessIds\":[\"" + likeness
                        + "\"],\"purpose\":\"draft\"}", 401, 403, 403, 200, 403),
                new Row("POST", "/v1/drafts", draftBody, 401, 403, 403, 201, 403),
                new Row("GET", "/v1/drafts", null, 401, 403, 403, 200, 403),
                new Row("GET", "/v1/drafts/" + draft, null, 401, 403, 403, 200, 403),
                new Row("POST", "/v1/drafts/" + published + "/publication", "{\"consentToken\":\"" + publishToken + "\"}",
                        401, 403, 403, 200, 403),
                new Row("POST", "/v1/drafts/" + draft + "/removal", null, 401, 403, 403, 200, 403),
                new Row("GET", "/v1/likenesses", null, 401, 200, 200, 403, 403),
                new Row("GET", l, null, 401, 404, 200, 403, 403),
                new Row("PUT", l + "/audience", "{\"audience\":\"EVERYONE\"}", 401, 404, 200, 403, 403),
                new Row("PUT", l + "/restrictions", "{\"forbiddenTags\":[]}", 401, 404, 200, 403, 403),
                new Row("GET", l + "/blocks", null, 401, 404, 200, 403, 403),
                new Row("PUT", l + "/blocks/" + blockedPerson, null, 401, 404, 200, 403, 403),
                new Row("DELETE", l + "/blocks/" + blockedPerson, null, 401, 404, 204, 403, 403),
                new Row("GET", l + "/decisions/" + bob, null, 401, 404, 200, 403, 403),
                new Row("POST", l + "/grants", "{\"granteeId\":\"" + carol + "\",\"purposes\":[\"draft\"]}", 401, 404, 201, 403, 403),
                new Row("GET", l + "/grants", null, 401, 404, 200, 403, 403),
                new Row("GET", "/v1/grants", null, 401, 200, 200, 403, 403),
                new Row("GET", l + "/grants/" + grant + "/receipt", null, 401, 404, 200, 403, 403),
                new Row("DELETE", l + "/grants/" + grant, null, 401, 404, 200, 403, 403),
                new Row("DELETE", l + "/grants", null, 401, 404, 200, 403, 403),
                new Row("GET", l + "/access-requests", null, 401, 404, 200, 403, 403),
                new Row("POST", l + "/access-requests/" + bobsRequest + "/denial", "{}", 401, 404, 200, 403, 403),
                new Row("POST", l + "/access-requests/" + anotherRequest + "/approval", "{}", 401, 404, 200, 403, 403),
                new Row("GET", l + "/drafts", null, 401, 404, 200, 403, 403),
                new Row("POST", l + "/drafts/" + draft + "/removal-request", "{}", 401, 404, 202, 403, 403),
                new Row("GET", l + "/ledger", null, 401, 404, 200, 403, 200),
                new Row("POST", "/v1/access-requests", "{\"likenessId\":\"" + likeness + "\",\"purposes\":[\"draft\"]}",
                        401, 201, 422, 403, 403),
                new Row("GET", "/v1/access-requests", null, 401, 200, 200, 403, 403),
                new Row("DELETE", "/v1/access-requests/" + bobsRequest, null, 401, 404, 404, 403, 403),
                new Row("PUT", "/v1/follows/" + bob + "/" + carol, null, 401, 403, 403, 204, 403),
                new Row("DELETE", "/v1/follows/" + bob + "/" + carol, null, 401, 403, 403, 204, 403),
                new Row("POST", "/v1/protected-persons", person, 401, 403, 403, 403, 201),
                new Row("GET", "/v1/protected-persons", null, 401, 403, 403, 403, 200),
                new Row("GET", "/v1/protected-persons/" + protectedPerson, null, 401, 403, 403, 403, 200),
                new Row("PUT", "/v1/protected-persons/" + protectedPerson, person, 401, 403, 403, 403, 200),
                new Row("DELETE", "/v1/protected-persons/" + removedPerson, null, 401, 403, 403, 403, 204),
                new Row("GET", "/.well-known/jwks.json", null, 200, 200, 200, 200, 200));

        List<String> wrong = new ArrayList<>();
        List<Caller> order = List.of(Caller.ANONYMOUS, Caller.OTHER, Caller.PLATFORM, Caller.TRUST_SAFETY, Caller.OWNER);
        for (Row row : rows) {
            for (Caller caller : order) {
                Response response = send(caller, row);
                int expected = row.expected()[caller.ordinal()];
                if (response.statusCode() != expected) {
                    wrong.add(row.method() + " " + row.path() + " as " + caller + ": " + response.statusCode() + ", expected " + expected);
                }
                if (response.statusCode() >= 400) {
                    assertTrue(response.contentType().startsWith("application/problem+json"),
                            row.method() + " " + row.path() + " as " + caller + " answered " + response.contentType());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static Response send(Caller caller, Row row) {
        RequestSpecification request = given();
        switch (caller) {
            case OTHER -> request.auth().oauth2(Tokens.user("carol"));
            case OWNER -> request.auth().oauth2(Tokens.user("alice"));
            case PLATFORM -> request.auth().oauth2(Tokens.platform());
            case TRUST_SAFETY -> request.auth().oauth2(Tokens.user("dana"));
            case ANONYMOUS -> { }
        }
        if (row.body() != null) {
            request.contentType(ContentType.JSON).body(row.body());
        }
        return request.request(row.method(), row.path());
    }

    private static String register(UUID likeness) {
        String token = Consents.check("bob", List.of(likeness), "draft").getString("consentToken");
        return Consents.register("bob", List.of(likeness), token).then().statusCode(201).extract().path("id");
    }

    private static String request(String requester, UUID likeness) {
        return given().auth().oauth2(Tokens.user(requester)).contentType(ContentType.JSON)
                .body("{\"likenessId\":\"" + likeness + "\",\"purposes\":[\"draft\"]}").post("/v1/access-requests")
                .then().statusCode(201).extract().path("id");
    }

    private static String protectedPerson() {
        return given().auth().oauth2(Tokens.user("dana")).contentType(ContentType.JSON)
                .body("{\"name\":\"Matrix Person " + UUID.randomUUID() + "\",\"kind\":\"PUBLIC_FIGURE\"}")
                .post("/v1/protected-persons").then().statusCode(201).extract().path("id");
    }
}
