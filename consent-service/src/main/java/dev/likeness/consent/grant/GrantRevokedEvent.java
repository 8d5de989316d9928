package dev.likeness.consent.grant;

import java.time.OffsetDateTime;
import java.util.UUID;

import dev.likeness.kit.outbox.DomainEvent;

/** The owner withdrew a grant; consent tokens naming an earlier revision are worthless from now on. */
public record GrantRevokedEvent(UUID grantId, UUID likenessId, String ownerId, String granteeId, OffsetDateTime revokedAt,
                                long revision) implements DomainEvent {

    public static final String TYPE = "dev.likeness.consent.grant.revoked.v1";

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
