package dev.likeness.consent.access;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.likeness.kit.outbox.DomainEvent;
import dev.likeness.kit.outbox.EventType;

/** The owner approved an access request; the grant it created is announced too. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@EventType("dev.likeness.consent.access.approved.v1")
public record AccessApprovedEvent(UUID requestId, UUID likenessId, String ownerId, String requesterId, UUID grantId, OffsetDateTime decidedAt) implements DomainEvent {

    @Override
    public String subject() {
        return requestId.toString();
    }
}
