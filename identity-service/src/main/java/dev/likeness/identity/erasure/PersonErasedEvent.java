package dev.likeness.identity.erasure;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import dev.likeness.kit.outbox.DomainEvent;
import dev.likeness.kit.outbox.EventType;

/**
 * Everything identity-service held about the person is erased; every service erases its own.
 * About a person, not a likeness: keyed by the person, who is also its subject.
 */
@EventType("dev.likeness.identity.person.erased.v1")
public record PersonErasedEvent(@NotBlank String personId, @NotNull OffsetDateTime erasedAt) implements DomainEvent {

    /** None: the person's likenesses each had their own likeness.deleted. */
    @Override
    public UUID likenessId() {
        return null;
    }

    @Override
    public String key() {
        return personId;
    }

    @Override
    public String subject() {
        return personId;
    }
}
