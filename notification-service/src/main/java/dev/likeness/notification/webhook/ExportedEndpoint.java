package dev.likeness.notification.webhook;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A webhook endpoint as its owner's export shows it: every field stored with it but its signing
 * secrets (current and previous), which have no field here, so no export can carry them.
 */
@Schema(name = "ExportedEndpoint")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportedEndpoint(UUID id, String url, String description,
                               @Schema(description = "Notification types delivered; empty for every type") List<String> eventTypes,
                               @Schema(description = "Language of texts in payloads") String language,
                               boolean enabled, String disabledReason, OffsetDateTime disabledAt,
                               OffsetDateTime createdAt, OffsetDateTime updatedAt,
                               @Schema(description = "After a rotation, until when the previous secret also signed")
                               OffsetDateTime previousSecretExpiresAt) {

    static ExportedEndpoint of(WebhookEndpoint e) {
        return new ExportedEndpoint(e.id, e.url, e.description, List.of(e.eventTypes), e.language, e.disabledAt == null,
                e.disabledReason, e.disabledAt, e.createdAt, e.updatedAt, e.previousExpiresAt);
    }
}
