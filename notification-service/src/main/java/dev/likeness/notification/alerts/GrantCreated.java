package dev.likeness.notification.alerts;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** consent-service: dev.likeness.consent.grant.created.v1. */
public record GrantCreated(@NotNull UUID grantId, @NotNull UUID likenessId, @NotBlank String ownerId,
                           @NotBlank String granteeId, @NotEmpty List<@NotBlank String> purposes, OffsetDateTime expiresAt,
                           Integer maxUses) {

    public static final String TYPE = "dev.likeness.consent.grant.created.v1";
}
