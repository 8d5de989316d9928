package dev.likeness.identity.enrolment;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "likeness.enrolment")
public interface EnrolmentConfig {

    /** How long a challenge accepts its capture. */
    @WithDefault("3m")
    Duration challengeTtl();

    /** Digits to read aloud, 4 to 6. */
    @WithDefault("6")
    int digits();
}
