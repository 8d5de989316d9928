package dev.likeness.consent.grant;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

import dev.likeness.consent.purpose.Purpose;
import dev.likeness.kit.outbox.DomainEvent;
import dev.likeness.kit.outbox.EventType;

/** The owner allowed a person to feature the likeness. */
@EventType("dev.likeness.consent.grant.created.v1")
public record GrantCreatedEvent(UUID grantId, UUID likenessId, String ownerId, String granteeId, Set<Purpose> purposes,
                                OffsetDateTime expiresAt, Integer maxUses) implements DomainEvent {

    @Override
    public String subject() {
        return grantId.toString();
    }
}
