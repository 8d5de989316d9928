package dev.likeness.kit.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How fast each caller may write ({@link WriteRateLimit}), per instance. */
@ConfigMapping(prefix = "likeness.rate-limit")
public interface RateLimitConfig {

    /** People: role {@code user}, and trust and safety, who also act by hand in the console. */
    User user();

    /** Platforms (role {@code platform}), by their client's service account. */
    Platform platform();

    /**
     * Callers whose buckets an instance keeps at once (about 150 bytes each); one more is refused
     * with 503 until the next sweep. Tokens come only from our Keycloak, so a caller is an account,
     * not a value an attacker can mint: this is reached by load, never by forging.
     */
    @WithDefault("100000")
    int maxPrincipals();

    /**
     * Two writes a second, 60 at once: more than a person clicks through the console, far less
     * than a script in a loop.
     */
    interface User {

        @WithDefault("120")
        int writesPerMinute();

        @WithDefault("60")
        int burst();
    }

    /**
     * Platforms write at render rate (a draft registration per render, follows as they happen):
     * 500 a second, two and a half times the 200 drafts a second an instance is built for
     * (deploy/benchmarks), 3,000 at once for a backlog sent after an outage. A client in a loop
     * is still stopped there.
     */
    interface Platform {

        @WithDefault("30000")
        int writesPerMinute();

        @WithDefault("3000")
        int burst();
    }
}
