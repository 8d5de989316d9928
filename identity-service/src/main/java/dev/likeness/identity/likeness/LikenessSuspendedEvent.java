package dev.likeness.identity.likeness;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.likeness.kit.outbox.DomainEvent;
import dev.likeness.kit.outbox.EventType;

/** Trust and safety took a likeness out of use: consent checks for it are denied until it is reinstated. */
@EventType("dev.likeness.identity.likeness.suspended.v1")
public record LikenessSuspendedEvent(@NotNull UUID likenessId, @NotBlank String ownerId, @NotBlank @Size(max = 500) String reason,
                                     @NotNull OffsetDateTime suspendedAt) implements DomainEvent {
}
