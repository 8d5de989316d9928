package dev.likeness.notification.alerts;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** consent-service: dev.likeness.consent.draft.created.v1, one per featured likeness. */
public record DraftCreated(@NotNull UUID draftId, @NotBlank String platformDraftId, @NotBlank String platformId,
                           @NotBlank String creatorId, @NotNull UUID likenessId, @NotBlank String ownerId,
                           @NotBlank String purpose, @NotNull OffsetDateTime createdAt) {

    public static final String TYPE = "dev.likeness.consent.draft.created.v1";
}
