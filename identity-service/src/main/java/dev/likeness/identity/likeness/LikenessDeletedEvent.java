package dev.likeness.identity.likeness;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import dev.likeness.kit.outbox.DomainEvent;
import dev.likeness.kit.outbox.EventType;

/** The owner, or trust and safety, deleted a likeness: it can never be used again. */
@EventType("dev.likeness.identity.likeness.deleted.v1")
public record LikenessDeletedEvent(@NotNull UUID likenessId, @NotBlank String ownerId, @NotNull OffsetDateTime deletedAt)
        implements DomainEvent {
}
