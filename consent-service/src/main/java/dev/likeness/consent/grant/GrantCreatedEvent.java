package dev.likeness.consent.grant;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

import dev.likeness.consent.purpose.Purpose;
import dev.likeness.kit.outbox.DomainEvent;

/** The owner allowed a person to feature the likeness. */
public record GrantCreatedEvent(UUID grantId, UUID likenessId, String ownerId, String granteeId, Set<Purpose> purposes,
                                OffsetDateTime expiresAt, Integer maxUses) implements DomainEvent {

    public static final String TYPE = "dev.likeness.consent.grant.created.v1";

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
        return grantId.toString();
    }
}
