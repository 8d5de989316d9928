package dev.likeness.identity.erasure;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Erasure (service README, "Erasure"). */
@ConfigMapping(prefix = "likeness.erasure")
public interface ErasureConfig {

    /** How often each instance deletes the Keycloak accounts of erasures in progress, and completes them. */
    @WithDefault("5s")
    Duration interval();
}
