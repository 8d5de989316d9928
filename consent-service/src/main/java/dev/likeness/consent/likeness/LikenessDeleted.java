package dev.likeness.consent.likeness;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** identity-service: the owner deleted the likeness, or trust and safety did (deploy/events/schemas). */
public record LikenessDeleted(@NotNull UUID likenessId, @NotBlank String ownerId, @NotNull OffsetDateTime deletedAt) {

    public static final String TYPE = "dev.likeness.identity.likeness.deleted.v1";
}
