package dev.likeness.notification.alerts;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** consent-service: dev.likeness.consent.grant.revoked.v1. */
public record GrantRevoked(@NotNull UUID grantId, @NotNull UUID likenessId, @NotBlank String ownerId,
                           @NotBlank String granteeId, @NotNull OffsetDateTime revokedAt, long revision) {

    public static final String TYPE = "dev.likeness.consent.grant.revoked.v1";
}
