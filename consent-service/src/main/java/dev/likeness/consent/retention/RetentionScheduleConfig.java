package dev.likeness.consent.retention;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long this service keeps what it keeps ({@link RetentionSchedule}); the kit's keys share the prefix. */
@ConfigMapping(prefix = "likeness.retention")
public interface RetentionScheduleConfig {

    /** The message a requester wrote with an access request, from the request's decision or withdrawal. */
    @WithDefault("90d")
    Duration accessRequestMessages();
}
