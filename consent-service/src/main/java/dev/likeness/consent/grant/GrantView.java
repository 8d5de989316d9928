package dev.likeness.consent.grant;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.consent.purpose.Purpose;

@Schema(name = "Grant")
public record GrantView(UUID id, UUID likenessId, String granteeId, Set<Purpose> purposes, OffsetDateTime expiresAt,
                        Integer maxUses, int uses, Grant.Status status, OffsetDateTime createdAt,
                        OffsetDateTime revokedAt) {

    public static GrantView of(Grant grant, OffsetDateTime now) {
        return new GrantView(grant.id, grant.likenessId, grant.granteeId, grant.purposes, grant.expiresAt, grant.maxUses,
                grant.uses, grant.status(now), grant.createdAt, grant.revokedAt);
    }
}
