package dev.likeness.notification.inbox;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Notification")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationView(
        UUID id,
        NotificationType type,
        @Schema(description = "Rendered in the reader's language (Accept-Language)", example = "Bob made a draft featuring you.")
        String text,
        @Schema(description = "Who acted (Keycloak subject)") String actorId,
        UUID likenessId,
        UUID draftId,
        UUID grantId,
        OffsetDateTime createdAt,
        boolean read) {
}
