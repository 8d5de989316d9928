package dev.likeness.notification.alerts;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * consent-service: dev.likeness.consent.access.approved.v1 (with the grant it created) and
 * dev.likeness.consent.access.denied.v1 (without).
 */
public record AccessDecided(@NotNull UUID requestId, @NotNull UUID likenessId, @NotBlank String ownerId,
                            @NotBlank String requesterId, UUID grantId, @NotNull OffsetDateTime decidedAt) {

    public static final String APPROVED = "dev.likeness.consent.access.approved.v1";
    public static final String DENIED = "dev.likeness.consent.access.denied.v1";
}
