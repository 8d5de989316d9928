package dev.likeness.consent.draft;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.likeness.kit.outbox.DomainEvent;

/** A featured owner asked the platform to remove a draft. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DraftRemovalRequestedEvent(UUID draftId, String platformDraftId, String platformId, String creatorId,
                                         UUID likenessId, String ownerId, String reason, OffsetDateTime requestedAt)
        implements DomainEvent {

    public static final String TYPE = "dev.likeness.consent.draft.removal-requested.v1";

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
