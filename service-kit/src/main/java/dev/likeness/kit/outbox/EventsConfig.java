package dev.likeness.kit.outbox;

import io.smallrye.config.ConfigMapping;

/** Where a service's events go and how they name it; see the service README. */
@ConfigMapping(prefix = "likeness.events")
public interface EventsConfig {

    /** The Kafka topic of the service's events (e.g. {@code likeness.consent.events}). */
    String topic();

    /** The CloudEvents {@code source} of every event (e.g. {@code /consent-service}). */
    String source();
}
