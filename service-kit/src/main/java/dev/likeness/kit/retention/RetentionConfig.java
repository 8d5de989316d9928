package dev.likeness.kit.retention;

import java.time.Duration;

import jakarta.validation.constraints.Positive;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How {@link Retention} runs, and the kit's own rule. A service's rules take their durations from
 * a mapping of its own under the same prefix ({@code likeness.retention.<rule>}).
 */
@ConfigMapping(prefix = "likeness.retention")
public interface RetentionConfig {

    /** How often an instance applies every rule (also in {@link Retention}'s {@code @Scheduled}). */
    @WithDefault("1h")
    Duration interval();

    /** Rows one statement deletes or changes at most; a rule repeats it until a batch is not full. */
    @WithDefault("1000")
    @Positive
    int batchSize();

    /**
     * How long a consumed event's id is kept: longer than the consumed topics' retention (Kafka's
     * default, 7 days, in deploy/kafka/topics.conf), so no redelivery outlives it.
     */
    @WithDefault("8d")
    Duration consumedEvents();
}
