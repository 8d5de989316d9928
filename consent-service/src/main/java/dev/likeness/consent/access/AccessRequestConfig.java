package dev.likeness.consent.access;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How often a person may ask: each request alerts the owner and stays in the ledger. */
@ConfigMapping(prefix = "likeness.access")
public interface AccessRequestConfig {

    /** After the owner denied a person's request, how long that person may not ask for the likeness again. */
    @WithDefault("7d")
    Duration cooldownAfterDenial();

    /** Requests one person may make for one likeness within {@link #requestWindow()}, whatever became of them. */
    @WithDefault("3")
    int maxRequestsPerLikeness();

    @WithDefault("24h")
    Duration requestWindow();

    /** Requests one person may have waiting for owners' answers at once, across likenesses. */
    @WithDefault("20")
    int maxPending();
}
