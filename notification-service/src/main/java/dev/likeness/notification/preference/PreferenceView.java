package dev.likeness.notification.preference;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.notification.inbox.NotificationType;

@Schema(name = "Preference")
public record PreferenceView(NotificationType type,
                             @Schema(description = "Critical types always reach the inbox, the stream and webhooks") boolean critical,
                             Channels channels) {
}
