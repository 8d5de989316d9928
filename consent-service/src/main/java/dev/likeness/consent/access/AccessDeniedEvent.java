package dev.likeness.consent.access;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.likeness.kit.outbox.DomainEvent;

/** The owner denied an access request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessDeniedEvent(UUID requestId, UUID likenessId, String ownerId, String requesterId, OffsetDateTime decidedAt) implements DomainEvent {

    public static final String TYPE = "dev.likeness.consent.access.denied.v1";

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
