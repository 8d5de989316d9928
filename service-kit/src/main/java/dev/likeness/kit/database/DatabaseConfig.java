package dev.likeness.kit.database;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How requests wait for a database connection ({@link DatabasePool}). */
@ConfigMapping(prefix = "likeness.database")
public interface DatabaseConfig {

    /** Requests that may wait for a connection; one more is refused at once with 503 and {@code Retry-After}. */
    @WithDefault("200")
    int maxWaitQueue();
}
