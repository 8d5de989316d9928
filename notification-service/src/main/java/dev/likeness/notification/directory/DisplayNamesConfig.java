package dev.likeness.notification.directory;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The cache of people's display names that alerts show, read from Keycloak ({@link DisplayNames}). */
@ConfigMapping(prefix = "likeness.display-names")
public interface DisplayNamesConfig {

    /** How long a name is kept: a renamed person shows under the old name at most this long. */
    @WithDefault("10M")
    Duration expireAfterWrite();

    /** Names kept at most. */
    @WithDefault("10000")
    long maximumSize();
}
