package dev.likeness.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.likeness.captures.Captures.Container;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import dev.likeness.identity.capture.CaptureConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The refusal lifts once Retry-After has passed: the oldest failure left the window. */
@QuarkusTest
class CaptureCooldownTest {

    /** Fixed seeds of this class' clips, so a run replays; distinct from other classes': a capture verifies only once. */
    private static final long CLIPS = 17_000;
    /** Not an MP4 (no ftyp box): each one counts as a failed attempt at once, without verification. */
    private static final byte[] UNREADABLE = new byte[64];

    @Inject MovableClock clock;

    @Inject CaptureConfig config;

    @Test
    void attemptsResumeAfterRetryAfter() {
        String person = Users.create();
        JsonPath enrolment = Enrolments.start(person);
        for (int i = 0; i < config.maxFailures(); i++) {
            Enrolments.submit(person, enrolment, "video/mp4", UNREADABLE).then().statusCode(422).body("code", is("capture-unreadable"));
        }
        Response refused = given().auth().oauth2(Tokens.user(person)).post("/v1/enrolments");
        refused.then().statusCode(429).body("code", is("too-many-attempts"));
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= config.failureWindow().toSeconds(), "Retry-After " + retryAfter);

        // The first challenge has expired by now too (challenge-ttl is not longer than the window): start again.
        clock.advance(Duration.ofSeconds(retryAfter));
        JsonPath again = Enrolments.start(person);
        Enrolments.submit(person, again, "video/mp4", Enrolments.live(again, Container.MP4, CLIPS + 1))
                .then().statusCode(200).body("status", is("VERIFIED"));
    }
}
