package dev.likeness.identity.likeness;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import dev.likeness.kit.outbox.DomainEvent;
import dev.likeness.kit.outbox.EventType;

/** Trust and safety lifted a likeness' suspension: it is verified again. */
@EventType("dev.likeness.identity.likeness.reinstated.v1")
public record LikenessReinstatedEvent(@NotNull UUID likenessId, @NotBlank String ownerId, @NotNull OffsetDateTime reinstatedAt)
        implements DomainEvent {
}
