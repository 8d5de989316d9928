package dev.likeness.notification.alerts;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** identity-service: dev.likeness.identity.likeness.verified.v1 (deploy/events/schemas). */
public record LikenessVerified(@NotNull UUID likenessId, @NotBlank String ownerId, @NotNull OffsetDateTime verifiedAt,
                               @NotBlank String method) {

    public static final String TYPE = "dev.likeness.identity.likeness.verified.v1";
}
