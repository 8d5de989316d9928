package dev.likeness.notification.inbox;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A notification as a person's export shows it: the text as their inbox shows it, and every field
 * stored with it, also for one kept only for the live stream (switched off for the inbox).
 */
@Schema(name = "ExportedNotification")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportedNotification(
        UUID id,
        @Schema(description = "Its number in the person's sequence (1, 2, 3… in commit order): the stream's event id") long seq,
        NotificationType type,
        @Schema(description = "Rendered in the reader's language, as the inbox shows it", example = "Bob made a draft featuring you.")
        String text,
        @Schema(description = "Who acted (Keycloak subject); absent when nobody did, or when that person's account was erased")
        String actorId,
        UUID likenessId,
        UUID draftId,
        UUID grantId,
        @Schema(description = "The access request") UUID requestId,
        @Schema(description = "The webhook endpoint that failed") UUID endpointId,
        @Schema(description = "The purposes of a grant or request") List<String> purposes,
        @Schema(description = "Free text kept with it: a suspension or removal reason, a request's message, an endpoint's URL; "
                + "what a person wrote goes when their account is erased")
        String detail,
        OffsetDateTime createdAt,
        OffsetDateTime readAt,
        OffsetDateTime archivedAt,
        @Schema(description = "Kept in the inbox (false: the person had switched the inbox off for its type)") boolean inInbox,
        @Schema(description = "Sent on live streams") boolean inStream) {

    static ExportedNotification of(Notification n, String text) {
        return new ExportedNotification(n.id, n.seq, n.type, text, n.actorId, n.likenessId, n.draftId, n.grantId, n.requestId,
                n.endpointId, n.purposes == null ? null : List.of(n.purposes.split(",")), n.detail, n.createdAt, n.readAt,
                n.archivedAt, n.inInbox, n.inStream);
    }
}
