package dev.likeness.consent.access;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.likeness.consent.purpose.Purpose;
import dev.likeness.kit.outbox.DomainEvent;
import dev.likeness.kit.outbox.EventType;

/** A person asked the owner for permission to feature the likeness. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@EventType("dev.likeness.consent.access.requested.v1")
public record AccessRequestedEvent(UUID requestId, UUID likenessId, String ownerId, String requesterId, Set<Purpose> purposes, String message, OffsetDateTime requestedAt) implements DomainEvent {

    @Override
    public String subject() {
        return requestId.toString();
    }
}
