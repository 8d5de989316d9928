package dev.likeness.consent.grant;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.consent.likeness.Likeness;
import dev.likeness.consent.purpose.Purpose;

@Schema(name = "HeldGrant", description = "A grant in force that the caller holds: a likeness they may feature")
public record HeldGrantView(
        UUID id,
        UUID likenessId,
        @Schema(description = "Keycloak subject of the likeness' owner, who granted it") String ownerId,
        @Schema(description = "SUSPENDED: every check is denied until identity-service reinstates the likeness")
        Likeness.Status likenessStatus,
        Set<Purpose> purposes,
        OffsetDateTime expiresAt,
        @Schema(description = "Drafts the grant allows in all, or null for no limit") Integer maxUses,
        @Schema(description = "Drafts registered with it so far") int uses,
        OffsetDateTime createdAt) {

    static HeldGrantView of(HeldGrant held) {
        Grant grant = held.grant();
        return new HeldGrantView(grant.id, grant.likenessId, held.ownerId(), held.likenessStatus(), grant.purposes,
                grant.expiresAt, grant.maxUses, grant.uses, grant.createdAt);
    }

    @Schema(name = "HeldGrantPage", description = "Newest first; pass nextCursor as cursor for the next page")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page(List<HeldGrantView> grants, String nextCursor) {

        static Page of(GrantService.HeldPage page) {
            return new Page(page.grants().stream().map(HeldGrantView::of).toList(), page.nextCursor());
        }
    }
}
