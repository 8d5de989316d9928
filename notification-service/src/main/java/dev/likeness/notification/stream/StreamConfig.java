package dev.likeness.notification.stream;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Live alert streams (Server-Sent Events). */
@ConfigMapping(prefix = "likeness.stream")
public interface StreamConfig {

    /** How often an idle stream sends a comment, so proxies keep it open and a dead client is noticed. */
    @WithDefault("15s")
    Duration heartbeat();

    /** Streams one recipient may hold open on an instance; a newer one closes the oldest. */
    @WithDefault("10")
    int maxPerRecipient();

    /**
     * Events a stream holds that its client has not taken yet: at this many it reads no further
     * until the client has taken half of them, so a client that stops reading costs a bounded amount.
     */
    @WithDefault("100")
    @Min(1)
    int maxUnsent();
}
