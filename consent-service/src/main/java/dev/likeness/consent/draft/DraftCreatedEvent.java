package dev.likeness.consent.draft;

import java.time.OffsetDateTime;
import java.util.UUID;

import dev.likeness.consent.purpose.Purpose;
import dev.likeness.kit.outbox.DomainEvent;

/** A draft features the likeness: one event per featured likeness, for its owner. */
public record DraftCreatedEvent(UUID draftId, String platformDraftId, String platformId, String creatorId, UUID likenessId,
                                String ownerId, Purpose purpose, OffsetDateTime createdAt) implements DomainEvent {

    public static final String TYPE = "dev.likeness.consent.draft.created.v1";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String key() {
        return likenessId.toString();
    }

    @Override
    public String subject() {
        return draftId.toString();
    }
}
