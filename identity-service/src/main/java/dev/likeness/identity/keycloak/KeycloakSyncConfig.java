package dev.likeness.identity.keycloak;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the likeness status reaches Keycloak (service README, "Events"). */
@ConfigMapping(prefix = "likeness.keycloak")
public interface KeycloakSyncConfig {

    /**
     * How long a Keycloak call may wait for a connection, and then for each part of the answer,
     * before it fails as a passing failure.
     */
    @WithDefault("5s")
    Duration timeout();

    /** Calls per event while Keycloak fails passingly (5xx, 429, timeout, connection); then the event is dead-lettered. */
    @WithDefault("6")
    int attempts();

    /** The wait before the second call; it doubles (with jitter) before each further one. */
    @WithDefault("1s")
    Duration backoff();

    /** How often every person's attributes are compared with their likeness (a duration, or {@code off}). */
    @WithDefault("10m")
    String reconcileInterval();

    /** People whose Keycloak user the reconciliation reads per second, at most. */
    @WithDefault("20")
    int reconcileRate();
}
