package dev.likeness.consent.likeness;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** identity-service: a suspension was lifted (deploy/events/schemas). */
public record LikenessReinstated(@NotNull UUID likenessId, @NotBlank String ownerId, @NotNull OffsetDateTime reinstatedAt) {

    public static final String TYPE = "dev.likeness.identity.likeness.reinstated.v1";
}
