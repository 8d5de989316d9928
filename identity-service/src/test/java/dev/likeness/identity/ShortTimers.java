package dev.likeness.identity;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Timers short enough for a test to wait out: the failed-capture window (2 failures in
 * {@link #FAILURE_WINDOW_SECONDS}) and capture retention. One profile for the tests that need
 * them, so Quarkus restarts once for both.
 */
public class ShortTimers implements QuarkusTestProfile {

    static final int FAILURE_WINDOW_SECONDS = 8;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("likeness.enrolment.max-failures", "2", "likeness.enrolment.failure-window", FAILURE_WINDOW_SECONDS + "s",
                "likeness.biometrics.capture-retention", "4s", "likeness.biometrics.purge-interval", "1s");
    }
}
