package dev.likeness.consent.draft;

import java.time.OffsetDateTime;
import java.util.UUID;

import dev.likeness.consent.purpose.Purpose;
import dev.likeness.kit.outbox.DomainEvent;
import dev.likeness.kit.outbox.EventType;

/** A draft features the likeness: one event per featured likeness, for its owner. */
@EventType("dev.likeness.consent.draft.created.v1")
public record DraftCreatedEvent(UUID draftId, String platformDraftId, String platformId, String creatorId, UUID likenessId,
                                String ownerId, Purpose purpose, OffsetDateTime createdAt) implements DomainEvent {

    @Override
    public String subject() {
        return draftId.toString();
    }
}
