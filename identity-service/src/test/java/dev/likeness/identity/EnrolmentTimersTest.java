package dev.likeness.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.likeness.captures.Captures;
import dev.likeness.captures.Captures.Container;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import dev.likeness.identity.capture.CaptureConfig;
import dev.likeness.identity.enrolment.EnrolmentConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** What the clock decides for an enrolment: its challenge's expiry and the cooldown after failed captures. */
@QuarkusTest
class EnrolmentTimersTest {

    /** Not an MP4 (no ftyp box): each one counts as a failed attempt at once, without verification. */
    private static final byte[] UNREADABLE = new byte[64];

    @Inject MovableClock clock;
    @Inject EnrolmentConfig enrolment;
    @Inject CaptureConfig capture;

    @Test
    void anExpiredChallengeRefusesItsCaptureAndStaysUnused() {
        String person = Users.create();
        JsonPath started = Enrolments.start(person);
        clock.advance(enrolment.challengeTtl());
        Enrolments.submit(person, started, "video/mp4", Captures.clip(Container.MP4, 3, Seeds.next()))
                .then()
                .statusCode(410)
                .contentType("application/problem+json")
                .body("code", is("challenge-expired"));
        assertEquals("EXPIRED", Enrolments.get(person, started).getString("status"));
    }

    /** The refusal lifts once Retry-After has passed: the oldest failure left the window. */
    @Test
    void attemptsResumeAfterRetryAfter() {
        String person = Users.create();
        JsonPath started = Enrolments.start(person);
        for (int i = 0; i < capture.maxFailures(); i++) {
            Enrolments.submit(person, started, "video/mp4", UNREADABLE).then().statusCode(422).body("code", is("capture-unreadable"));
        }
        Response refused = given().auth().oauth2(Tokens.user(person)).post("/v1/enrolments");
        refused.then().statusCode(429).body("code", is("too-many-attempts"));
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= capture.failureWindow().toSeconds(), "Retry-After " + retryAfter);

        // The first challenge has expired by now too (challenge-ttl is not longer than the window): start again.
        clock.advance(Duration.ofSeconds(retryAfter));
        JsonPath again = Enrolments.start(person);
        Enrolments.submit(person, again, "video/mp4", Enrolments.live(again, Container.MP4, Seeds.next()))
                .then().statusCode(200).body("status", is("VERIFIED"));
    }
}
