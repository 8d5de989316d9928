package dev.likeness.identity;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.likeness.devstack.Captures;
import dev.likeness.devstack.Captures.Container;
import dev.likeness.devstack.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The refusal lifts once Retry-After has passed: the oldest failure left the window. */
@QuarkusTest
@TestProfile(ShortTimers.class)
class CaptureCooldownTest {

    /** Fixed seeds of this class' clips, so a run replays; distinct from other classes': a capture verifies only once. */
    private static final long CLIPS = 17_000;

    @Test
    void attemptsResumeAfterRetryAfter() throws InterruptedException {
        String person = Users.create();
        JsonPath pending = Enrolments.start(person);
        // Encoded before the clock starts: encoding on a busy machine could outlast the window.
        List<byte[]> silent = List.of(
                Captures.withoutAudio(Container.MP4, 3, CLIPS + 1), Captures.withoutAudio(Container.MP4, 3, CLIPS + 2));
        byte[] another = Captures.clip(Container.MP4, 3, CLIPS + 3);
        for (byte[] capture : silent) {
            Enrolments.submit(person, Enrolments.start(person), "video/mp4", capture).then().statusCode(422);
        }
        Response refused = Enrolments.submit(person, pending, "video/mp4", another);
        refused.then().statusCode(429).body("code", is("too-many-attempts"));
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= ShortTimers.FAILURE_WINDOW_SECONDS, "Retry-After " + retryAfter);

        Thread.sleep(retryAfter * 1000L);
        Enrolments.submit(person, pending, "video/mp4", Enrolments.live(pending, Container.MP4, CLIPS + 4))
                .then().statusCode(200).body("status", is("VERIFIED"));
    }
}
