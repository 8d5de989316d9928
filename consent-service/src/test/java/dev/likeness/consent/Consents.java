package dev.likeness.consent;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.UUID;

import dev.likeness.devstack.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Consent requests as the owner and the platform make them. */
final class Consents {

    private Consents() {
    }

    static void audience(String owner, UUID likeness, String audience) {
        given().auth().oauth2(Tokens.user(owner)).contentType(ContentType.JSON).body("{\"audience\":\"" + audience + "\"}")
                .put("/v1/likenesses/{id}/audience", likeness).then().statusCode(200);
    }

    static Response grant(String owner, UUID likeness, String body) {
        return given().auth().oauth2(Tokens.user(owner)).contentType(ContentType.JSON).body(body)
                .post("/v1/likenesses/{id}/grants", likeness);
    }

    /** Grants {@code grantee} the purposes; returns the grant id. */
    static String grant(String owner, UUID likeness, String grantee, String purposesJson) {
        return grant(owner, likeness, "{\"granteeId\":\"" + Tokens.userId(grantee) + "\",\"purposes\":" + purposesJson + "}")
                .then().statusCode(201).extract().path("id");
    }

    static void revoke(String owner, UUID likeness, String grantId) {
        given().auth().oauth2(Tokens.user(owner)).delete("/v1/likenesses/{id}/grants/{grant}", likeness, grantId)
                .then().statusCode(200);
    }

    static JsonPath restrictions(String owner, UUID likeness, String body) {
        return given().auth().oauth2(Tokens.user(owner)).contentType(ContentType.JSON).body(body)
                .put("/v1/likenesses/{id}/restrictions", likeness).then().statusCode(200).extract().jsonPath();
    }

    static void block(String owner, UUID likeness, String person) {
        given().auth().oauth2(Tokens.user(owner)).put("/v1/likenesses/{id}/blocks/{person}", likeness, Tokens.userId(person))
                .then().statusCode(200);
    }

    static void follow(String follower, String followee) {
        given().auth().oauth2(Tokens.platform()).put("/v1/follows/{a}/{b}", Tokens.userId(follower), Tokens.userId(followee))
                .then().statusCode(204);
    }

    static void unfollow(String follower, String followee) {
        given().auth().oauth2(Tokens.platform()).delete("/v1/follows/{a}/{b}", Tokens.userId(follower), Tokens.userId(followee))
                .then().statusCode(204);
    }

    static long revision(String owner, UUID likeness) {
        return given().auth().oauth2(Tokens.user(owner)).get("/v1/likenesses/{id}", likeness).then().statusCode(200)
                .extract().jsonPath().getLong("revision");
    }

    /** The owner's preview of what a check for {@code requester} decides, with the precise reason. */
    static Response decision(String caller, UUID likeness, String requester) {
        return given().auth().oauth2(Tokens.user(caller)).get("/v1/likenesses/{id}/decisions/{person}", likeness, Tokens.userId(requester));
    }

    /** The start of a check's body for {@code requester}, proven by the demo platform: requesterId and requesterToken. */
    static String requester(String requester) {
        return "\"requesterId\":\"" + Tokens.userId(requester) + "\",\"requesterToken\":\"" + Tokens.requester(requester) + "\"";
    }

    /** A check with the whole request body given, e.g. with content tags or mentioned names. */
    static Response checkBody(String body) {
        return given().auth().oauth2(Tokens.platform()).contentType(ContentType.JSON).body(body).post("/v1/checks");
    }

    static JsonPath ledger(String caller, UUID likeness) {
        return given().auth().oauth2(Tokens.user(caller)).get("/v1/likenesses/{id}/ledger", likeness).then().statusCode(200)
                .extract().jsonPath();
    }

    static JsonPath check(String requester, List<UUID> likenesses, String purpose) {
        return checkResponse(requester, likenesses, purpose).then().statusCode(200).extract().jsonPath();
    }

    static Response checkResponse(String requester, List<UUID> likenesses, String purpose) {
        return checkBody("{" + requester(requester) + ",\"likenessIds\":" + ids(likenesses)
                + ",\"purpose\":\"" + purpose + "\"}");
    }

    static String ids(List<UUID> likenesses) {
        return likenesses.stream().map(id -> "\"" + id + "\"").reduce((a, b) -> a + "," + b).map(s -> "[" + s + "]").orElse("[]");
    }

    static Response register(String creator, List<UUID> likenesses, String consentToken) {
        return register(UUID.randomUUID().toString(), creator, likenesses, consentToken);
    }

    static Response register(String draftId, String creator, List<UUID> likenesses, String consentToken) {
        return given().auth().oauth2(Tokens.platform()).contentType(ContentType.JSON)
                .body("{\"draftId\":\"" + draftId + "\",\"creatorId\":\"" + Tokens.userId(creator) + "\",\"creatorToken\":\""
                        + Tokens.requester(creator) + "\",\"likenessIds\":"
                        + ids(likenesses) + ",\"consentToken\":\"" + consentToken + "\"}")
                .post("/v1/drafts");
    }
}
