package dev.likeness.notification.alerts;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** consent-service: dev.likeness.consent.draft.removal-requested.v1. */
public record DraftRemovalRequested(@NotNull UUID draftId, @NotBlank String platformDraftId, @NotBlank String platformId,
                                    @NotBlank String creatorId, @NotNull UUID likenessId, @NotBlank String ownerId,
                                    @Size(max = 500) String reason, @NotNull OffsetDateTime requestedAt) {

    public static final String TYPE = "dev.likeness.consent.draft.removal-requested.v1";
}
