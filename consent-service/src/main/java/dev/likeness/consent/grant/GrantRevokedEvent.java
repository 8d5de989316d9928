package dev.likeness.consent.grant;

import java.time.OffsetDateTime;
import java.util.UUID;

import dev.likeness.kit.outbox.DomainEvent;
import dev.likeness.kit.outbox.EventType;

/** The owner withdrew a grant; consent tokens naming an earlier revision are worthless from now on. */
@EventType("dev.likeness.consent.grant.revoked.v1")
public record GrantRevokedEvent(UUID grantId, UUID likenessId, String ownerId, String granteeId, OffsetDateTime revokedAt,
                                long revision) implements DomainEvent {

    @Override
    public String subject() {
        return grantId.toString();
    }
}
