package dev.likeness.consent.access;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.likeness.kit.outbox.DomainEvent;
import dev.likeness.kit.outbox.EventType;

/** The owner denied an access request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@EventType("dev.likeness.consent.access.denied.v1")
public record AccessDeniedEvent(UUID requestId, UUID likenessId, String ownerId, String requesterId, OffsetDateTime decidedAt) implements DomainEvent {

    @Override
    public String subject() {
        return requestId.toString();
    }
}
