package dev.likeness.kit.export;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many exports an instance streams at once ({@link Exports}). */
@ConfigMapping(prefix = "likeness.export")
public interface ExportConfig {

    /** Exports streaming at once on an instance; one more is a 503 with {@code Retry-After}. */
    @WithDefault("4")
    int maxRunning();

    /**
     * An export whose client takes nothing for this long is ended, so a client that stops reading
     * does not keep its slot; the client sees the document cut short.
     */
    @WithDefault("30s")
    Duration idleTimeout();
}
