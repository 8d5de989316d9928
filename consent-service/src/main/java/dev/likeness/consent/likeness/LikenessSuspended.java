package dev.likeness.consent.likeness;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** identity-service: a trust-and-safety decision took the likeness out of use (deploy/events/schemas). */
public record LikenessSuspended(@NotNull UUID likenessId, @NotBlank String ownerId, @NotBlank @Size(max = 500) String reason, @NotNull OffsetDateTime suspendedAt) {

    public static final String TYPE = "dev.likeness.identity.likeness.suspended.v1";
}
