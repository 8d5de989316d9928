package dev.likeness.identity;

import static io.restassured.RestAssured.given;

import dev.likeness.captures.Captures;
import dev.likeness.devstack.testing.Tokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Enrolment requests as a client makes them. */
final class Enrolments {

    static final String NONCE = "Likeness-Challenge-Nonce";

    private Enrolments() {
    }

    /** Starts an enrolment for the person; returns its JSON (id, challenge, ...). */
    static JsonPath start(String person) {
        return given().auth().oauth2(Tokens.user(person)).post("/v1/enrolments").then().statusCode(201).extract().jsonPath();
    }

    static Response submit(String person, JsonPath enrolment, String mediaType, byte[] capture) {
        return given().auth().oauth2(Tokens.user(person))
                .header(NONCE, enrolment.getString("challenge.nonce"))
                .contentType(mediaType)
                .body(capture)
                .put("/v1/enrolments/{id}/capture", enrolment.getString("id"));
    }

    static JsonPath get(String person, JsonPath enrolment) {
        return given().auth().oauth2(Tokens.user(person)).get("/v1/enrolments/{id}", enrolment.getString("id"))
                .then().statusCode(200).extract().jsonPath();
    }

    /** A new person with a verified likeness; returns the likeness id. */
    static String verifiedLikeness(String person, long seed) {
        JsonPath enrolment = start(person);
        return submit(person, enrolment, Captures.Container.MP4.mediaType, live(enrolment, Captures.Container.MP4, seed))
                .then().statusCode(200).extract().path("likenessId");
    }

    /** What the person records: the challenge's digits read aloud, its head turns made. */
    static Captures.Act act(JsonPath enrolment) {
        return Captures.live(enrolment.getString("challenge.digits"), enrolment.getList("challenge.moves", String.class));
    }

    static byte[] live(JsonPath enrolment, Captures.Container container, long seed) {
        return Captures.record(container, act(enrolment), seed);
    }
}
