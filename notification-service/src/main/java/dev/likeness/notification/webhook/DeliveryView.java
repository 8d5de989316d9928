package dev.likeness.notification.webhook;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Delivery")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(UUID id, @Schema(description = "The webhook-id header") String messageId, String type,
                           @Schema(enumeration = {"PENDING", "DELIVERED", "FAILED"}) String status,
                           OffsetDateTime nextAttemptAt, OffsetDateTime createdAt, OffsetDateTime finishedAt,
                           List<Attempt> attempts) {

    @Schema(name = "DeliveryAttempt")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(OffsetDateTime attemptedAt, Integer responseStatus, String error, int durationMs) {
    }

    static DeliveryView of(WebhookDelivery d, List<WebhookAttempt> attempts) {
        return new DeliveryView(d.id, d.messageId, d.type, d.status,
                WebhookDelivery.PENDING.equals(d.status) ? d.nextAttemptAt : null, d.createdAt, d.finishedAt,
                attempts.stream().map(a -> new Attempt(a.attemptedAt, a.responseStatus, a.error, a.durationMs)).toList());
    }
}
