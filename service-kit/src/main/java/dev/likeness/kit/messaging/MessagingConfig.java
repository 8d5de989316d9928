package dev.likeness.kit.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long consumers remember what they applied ({@link ConsumedEvents}). */
@ConfigMapping(prefix = "likeness.messaging")
public interface MessagingConfig {

    /**
     * How long a consumed event's record is kept: longer than the consumed topics' retention
     * (Kafka's default, 7 days, in deploy/kafka/topics.conf), so no redelivery outlives it.
     */
    @WithDefault("8d")
    Duration consumedRetention();

    /** How often records past retention are purged. */
    @WithDefault("1h")
    Duration purgeInterval();
}
