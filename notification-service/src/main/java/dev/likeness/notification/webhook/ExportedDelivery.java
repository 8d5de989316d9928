package dev.likeness.notification.webhook;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A delivery of the owner's delivery log as their export shows it: as the log does, with the
 * endpoint it belongs to and the body it sent.
 */
@Schema(name = "ExportedDelivery")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportedDelivery(@Schema(description = "The endpoint it is sent to") UUID endpointId,
                               UUID id, @Schema(description = "The webhook-id header") String messageId, String type,
                               @Schema(enumeration = {"PENDING", "DELIVERED", "FAILED"}) String status,
                               OffsetDateTime nextAttemptAt, OffsetDateTime createdAt, OffsetDateTime finishedAt,
                               List<DeliveryView.Attempt> attempts,
                               @JsonRawValue
                               @Schema(type = SchemaType.OBJECT, description = "The body sent, the same on every attempt: "
                                       + "{type, timestamp, data: the notification}; absent before the first attempt, and once the person "
                                       + "who acted in it was erased (the next attempt, if any, renders it without them)")
                               String payload) {

    static ExportedDelivery of(WebhookDelivery d, List<WebhookAttempt> attempts) {
        DeliveryView view = DeliveryView.of(d, attempts);
        return new ExportedDelivery(d.endpointId, view.id(), view.messageId(), view.type(), view.status(), view.nextAttemptAt(),
                view.createdAt(), view.finishedAt(), view.attempts(), d.payload);
    }
}
