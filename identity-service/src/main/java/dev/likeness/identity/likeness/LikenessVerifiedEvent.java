package dev.likeness.identity.likeness;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import dev.likeness.kit.outbox.DomainEvent;
import dev.likeness.kit.outbox.EventType;

/** A likeness passed its liveness check: consent can now be managed for it. */
@EventType("dev.likeness.identity.likeness.verified.v1")
public record LikenessVerifiedEvent(@NotNull UUID likenessId, @NotBlank String ownerId, @NotNull OffsetDateTime verifiedAt,
                                    @NotBlank String method) implements DomainEvent {
}
