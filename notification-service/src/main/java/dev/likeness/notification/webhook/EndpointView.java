package dev.likeness.notification.webhook;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Endpoint")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointView(UUID id, String url, String description, List<String> eventTypes, String language,
                           boolean enabled, String disabledReason, OffsetDateTime disabledAt, OffsetDateTime createdAt,
                           @Schema(description = "whsec_… signing secret: shown once, when created or rotated") String secret) {

    static EndpointView of(WebhookEndpoint e, String secret) {
        return new EndpointView(e.id, e.url, e.description, List.of(e.eventTypes), e.language, e.disabledAt == null,
                e.disabledReason, e.disabledAt, e.createdAt, secret);
    }
}
