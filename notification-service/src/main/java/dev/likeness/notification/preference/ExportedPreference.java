package dev.likeness.notification.preference;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.notification.inbox.NotificationType;

/** A type's channels as a person's export shows them: as {@code GET /v1/preferences} does, and when the person chose them. */
@Schema(name = "ExportedPreference")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportedPreference(NotificationType type,
                                 @Schema(description = "Critical types always reach the inbox, the stream and webhooks") boolean critical,
                                 Channels channels,
                                 @Schema(description = "When the person last chose this type's channels; absent when never (every channel on)")
                                 OffsetDateTime updatedAt) {
}
