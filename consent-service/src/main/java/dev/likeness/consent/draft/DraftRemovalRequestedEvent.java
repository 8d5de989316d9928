package dev.likeness.consent.draft;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.likeness.kit.outbox.DomainEvent;
import dev.likeness.kit.outbox.EventType;

/** A featured owner asked the platform to remove a draft. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@EventType("dev.likeness.consent.draft.removal-requested.v1")
public record DraftRemovalRequestedEvent(UUID draftId, String platformDraftId, String platformId, String creatorId,
                                         UUID likenessId, String ownerId, String reason, OffsetDateTime requestedAt)
        implements DomainEvent {

    @Override
    public String subject() {
        return draftId.toString();
    }
}
