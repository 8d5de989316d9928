package dev.likeness.notification.alerts;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** consent-service: dev.likeness.consent.access.requested.v1. */
public record AccessRequested(@NotNull UUID requestId, @NotNull UUID likenessId, @NotBlank String ownerId,
                              @NotBlank String requesterId, @NotEmpty List<@NotBlank String> purposes,
                              @Size(max = 500) String message, @NotNull OffsetDateTime requestedAt) {

    public static final String TYPE = "dev.likeness.consent.access.requested.v1";
}
