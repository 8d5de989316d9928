package dev.likeness.identity.enrolment;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "likeness.enrolment")
public interface EnrolmentConfig {

    /** How long a challenge accepts its capture. */
    @WithDefault("3m")
    Duration challengeTtl();

    /** Challenges a person may have waiting for a capture at once; another start answers 429 until the oldest expires. */
    @WithDefault("3")
    int maxOpen();

    /**
     * Tests only: seeds the generator of the challenges' digits and head turns (one
     * {@link java.util.Random} per service instance), so a test run's challenges are replayable.
     * Unset, as in production: SecureRandom. The nonce comes from SecureRandom either way.
     */
    Optional<Long> challengeSeed();
}
