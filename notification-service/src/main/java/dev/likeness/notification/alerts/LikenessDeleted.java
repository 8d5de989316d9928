package dev.likeness.notification.alerts;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** identity-service: dev.likeness.identity.likeness.deleted.v1. */
public record LikenessDeleted(@NotNull UUID likenessId, @NotBlank String ownerId, @NotNull OffsetDateTime deletedAt) {

    public static final String TYPE = "dev.likeness.identity.likeness.deleted.v1";
}
