package dev.likeness.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.likeness.captures.Captures;
import dev.likeness.captures.Captures.Container;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Five failed captures within three minutes, or three open challenges: further captures and enrolments wait (429). */
@QuarkusTest
class CaptureRateLimitTest {

    @Test
    void fiveFailedCapturesRefuseTheSixthAttemptAndANewEnrolment() {
        String person = Users.create();
        // Started before the failures: an open challenge does not escape the limit.
        JsonPath pending = Enrolments.start(person);
        for (int i = 0; i < 5; i++) {
            Enrolments.submit(person, Enrolments.start(person), "video/mp4", Captures.withoutAudio(Container.MP4, 3, Seeds.next()))
                    .then().statusCode(422).body("code", is("liveness-failed"));
        }

        assertTooManyAttempts(Enrolments.submit(person, pending, "video/mp4", Captures.clip(Container.MP4, 3, Seeds.next())));
        assertEquals("AWAITING_CAPTURE", Enrolments.get(person, pending).getString("status"));
        assertTooManyAttempts(given().auth().oauth2(Tokens.user(person)).post("/v1/enrolments"));
        // Someone else is not held back by this person's failures.
        String other = Users.create();
        Enrolments.start(other);
    }

    @Test
    void unreadableCapturesCountAsFailedAttempts() {
        String person = Users.create();
        JsonPath enrolment = Enrolments.start(person);
        byte[] noise = new byte[4096];
        for (int i = 0; i < 5; i++) {
            Seeds.fill(noise);
            Enrolments.submit(person, enrolment, "video/mp4", noise).then().statusCode(422).body("code", is("capture-unreadable"));
        }
        assertTooManyAttempts(Enrolments.submit(person, enrolment, "video/mp4", Captures.clip(Container.MP4, 3, Seeds.next())));
        assertEquals("AWAITING_CAPTURE", Enrolments.get(person, enrolment).getString("status"));
    }

    @Test
    void fourFailedCapturesStillLeaveAnAttempt() {
        String person = Users.create();
        for (int i = 0; i < 4; i++) {
            Enrolments.submit(person, Enrolments.start(person), "video/mp4", Captures.withoutAudio(Container.MP4, 3, Seeds.next()))
                    .then().statusCode(422);
        }
        JsonPath last = Enrolments.start(person);
        Enrolments.submit(person, last, "video/mp4", Enrolments.live(last, Container.MP4, Seeds.next()))
                .then().statusCode(200).body("status", is("VERIFIED"));
    }

    @Test
    void aPersonHasAtMostThreeChallengesOpen() {
        String person = Users.create();
        for (int i = 0; i < 3; i++) {
            Enrolments.start(person);
        }
        Response fourth = given().auth().oauth2(Tokens.user(person)).post("/v1/enrolments");
        fourth.then().statusCode(429).contentType("application/problem+json").body("code", is("too-many-open-enrolments"));
        int retryAfter = Integer.parseInt(fourth.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 180, "Retry-After " + retryAfter);
    }

    static void assertTooManyAttempts(Response response) {
        response.then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("code", is("too-many-attempts"))
                .body("type", is("urn:likeness:problem:too-many-attempts"));
        int retryAfter = Integer.parseInt(response.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 180, "Retry-After " + retryAfter);
    }
}
