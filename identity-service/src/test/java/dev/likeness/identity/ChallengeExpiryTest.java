package dev.likeness.identity;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.likeness.devstack.Captures;
import dev.likeness.devstack.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@TestProfile(ChallengeExpiryTest.ShortChallenges.class)
class ChallengeExpiryTest {

    /** Fixed seeds of this class' clips, so a run replays; distinct from other classes': a capture verifies only once. */
    private static final long CLIPS = 18_000;

    public static class ShortChallenges implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("likeness.enrolment.challenge-ttl", "1s");
        }
    }

    @Test
    void anExpiredChallengeRefusesItsCaptureAndStaysUnused() throws InterruptedException {
        String person = Users.create();
        JsonPath enrolment = Enrolments.start(person);
        Thread.sleep(1500);
        Enrolments.submit(person, enrolment, "video/mp4", Captures.clip(Captures.Container.MP4, 3, CLIPS + 1))
                .then()
                .statusCode(410)
                .contentType("application/problem+json")
                .body("code", is("challenge-expired"));
        assertEquals("EXPIRED", Enrolments.get(person, enrolment).getString("status"));
    }
}
