package dev.likeness.notification.inbox;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A notification as the inbox, the live stream and webhooks show it. The ids are its deep link. */
@Schema(name = "Notification")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationView(
        UUID id,
        NotificationType type,
        @Schema(description = "Rendered in the reader's language", example = "Bob made a draft featuring you.")
        String text,
        @Schema(description = "Who acted (Keycloak subject); absent when nobody did, or when that person's account was erased")
        String actorId,
        UUID likenessId,
        UUID draftId,
        UUID grantId,
        @Schema(description = "The access request to approve or deny") UUID requestId,
        @Schema(description = "The webhook endpoint that failed") UUID endpointId,
        OffsetDateTime createdAt,
        boolean read,
        boolean archived) {

    public static NotificationView of(Notification n, String text) {
        return new NotificationView(n.id, n.type, text, n.actorId, n.likenessId, n.draftId, n.grantId, n.requestId,
                n.endpointId, n.createdAt, n.readAt != null, n.archivedAt != null);
    }
}
