package dev.likeness.notification.retention;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long this service keeps what it keeps ({@link RetentionSchedule}); the kit's keys share the prefix. */
@ConfigMapping(prefix = "likeness.retention")
public interface RetentionScheduleConfig {

    /** A notification, whatever its type, read or not, from its creation. */
    @WithDefault("365d")
    Duration notifications();

    /** A webhook delivery that ended (delivered, or failed after every retry) with its attempts, from its end. */
    @WithDefault("30d")
    Duration deliveryLogs();

    /** The requester's message kept with an {@code access.requested} notification, from the notification's creation. */
    @WithDefault("90d")
    Duration accessRequestMessages();
}
