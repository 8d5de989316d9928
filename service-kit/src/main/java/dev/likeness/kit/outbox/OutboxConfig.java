package dev.likeness.kit.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tuning of the {@link OutboxRelay}; see the service README for each key. */
@ConfigMapping(prefix = "likeness.outbox")
public interface OutboxConfig {

    /** Events per Kafka transaction. */
    @WithDefault("100")
    int batchSize();

    /** How often an idle relay looks for events if no insert notification arrived. */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * How long a busy relay waits after a batch before reading the next, so that events committed
     * meanwhile share one Kafka transaction; a relay that was idle publishes at once.
     */
    @WithDefault("20ms")
    Duration linger();

    /** The compacted topic where the relay records the event ids of each committed batch. */
    String checkpointTopic();

    /** This relay's name: checkpoint key and Kafka transactional id; one per service deployment. */
    @WithDefault("${quarkus.application.name}")
    String relayId();
}
