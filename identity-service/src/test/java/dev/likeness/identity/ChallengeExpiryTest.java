package dev.likeness.identity;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;


import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.likeness.captures.Captures;
import dev.likeness.devstack.testing.Users;
import dev.likeness.identity.enrolment.EnrolmentConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ChallengeExpiryTest {

    /** Fixed seeds of this class' clips, so a run replays; distinct from other classes': a capture verifies only once. */
    private static final long CLIPS = 18_000;

    @Inject MovableClock clock;

    @Inject EnrolmentConfig config;

    @Test
    void anExpiredChallengeRefusesItsCaptureAndStaysUnused() {
        String person = Users.create();
        JsonPath enrolment = Enrolments.start(person);
        clock.advance(config.challengeTtl());
        Enrolments.submit(person, enrolment, "video/mp4", Captures.clip(Captures.Container.MP4, 3, CLIPS + 1))
                .then()
                .statusCode(410)
                .contentType("application/problem+json")
                .body("code", is("challenge-expired"));
        assertEquals("EXPIRED", Enrolments.get(person, enrolment).getString("status"));
    }
}
