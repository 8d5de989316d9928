package dev.likeness.notification.alerts;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** identity-service: dev.likeness.identity.likeness.reinstated.v1. */
public record LikenessReinstated(@NotNull UUID likenessId, @NotBlank String ownerId, @NotNull OffsetDateTime reinstatedAt) {

    public static final String TYPE = "dev.likeness.identity.likeness.reinstated.v1";
}
