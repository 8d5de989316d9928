package dev.likeness.identity.retention;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long this service keeps what it keeps ({@link RetentionSchedule}); the kit's keys share the prefix. */
@ConfigMapping(prefix = "likeness.retention")
public interface RetentionScheduleConfig {

    /** An enrolment whose challenge expired without a capture deciding it, from its expiry. */
    @WithDefault("30d")
    Duration expiredEnrolments();

    /** A failed capture attempt, from when it failed; at least {@code likeness.capture.failure-window}, which the limit reads. */
    @WithDefault("30d")
    Duration captureFailures();
}
