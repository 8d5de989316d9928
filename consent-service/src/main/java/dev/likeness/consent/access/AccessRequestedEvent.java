package dev.likeness.consent.access;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.likeness.consent.purpose.Purpose;
import dev.likeness.kit.outbox.DomainEvent;

/** A person asked the owner for permission to feature the likeness. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessRequestedEvent(UUID requestId, UUID likenessId, String ownerId, String requesterId, Set<Purpose> purposes, String message, OffsetDateTime requestedAt) implements DomainEvent {

    public static final String TYPE = "dev.likeness.consent.access.requested.v1";

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
        return requestId.toString();
    }
}
