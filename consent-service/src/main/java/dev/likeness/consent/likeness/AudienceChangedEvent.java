package dev.likeness.consent.likeness;

import java.util.UUID;

import dev.likeness.kit.outbox.DomainEvent;
import dev.likeness.kit.outbox.EventType;

/** The owner changed who may feature the likeness. */
@EventType("dev.likeness.consent.audience.changed.v1")
public record AudienceChangedEvent(UUID likenessId, String ownerId, Audience previous, Audience audience, long revision)
        implements DomainEvent {
}
