package dev.likeness.consent.grant;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.likeness.consent.common.ProblemException;
import dev.likeness.consent.likeness.Likeness;
import dev.likeness.consent.likeness.LikenessRepository;
import dev.likeness.consent.likeness.LikenessService;
import dev.likeness.consent.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Grants, managed by the likeness' owner. Every change locks the likeness row first, so changes
 * to one likeness, and draft registrations against it, happen one after the other.
 */
@ApplicationScoped
public class GrantService {

    private final LikenessRepository likenesses;
    private final GrantRepository grants;
    private final Outbox outbox;

    GrantService(LikenessRepository likenesses, GrantRepository grants, Outbox outbox) {
        this.likenesses = likenesses;
        this.grants = grants;
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<Grant> create(UUID likenessId, String ownerId, GrantRequest request) {
        if (request.granteeId().equals(ownerId)) {
            return Uni.createFrom().failure(new ProblemException(422, "self-grant", "Grant to the owner",
                    "The owner may always feature their own likeness; grant someone else"));
        }
        OffsetDateTime now = LikenessService.now();
        return owned(likenessId, ownerId).chain(likeness -> grants.inForce(likenessId, request.granteeId()).chain(existing -> {
            if (existing != null && existing.status(now) == Grant.Status.ACTIVE) {
                return Uni.createFrom().failure(new ProblemException(409, "grant-exists", "Grant exists",
                        "Grant " + existing.id + " already allows this person; revoke it to change it"));
            }
            if (existing != null) {
                existing.revokedAt = now; // spent (expired or used up): the new grant replaces it
            }
            Grant grant = new Grant();
            grant.id = UUID.randomUUID();
            grant.likenessId = likenessId;
            grant.granteeId = request.granteeId();
            grant.purposes = request.purposes();
            grant.expiresAt = request.expiresAt();
            grant.maxUses = request.maxUses();
            grant.createdAt = now;
            return grants.persist(grant)
                    .chain(() -> outbox.append(new GrantCreatedEvent(grant.id, likenessId, ownerId, grant.granteeId,
                            grant.purposes, grant.expiresAt, grant.maxUses)))
                    .replaceWith(grant);
        }));
    }

    @WithSession
    public Uni<List<Grant>> list(UUID likenessId, String ownerId) {
        return likenesses.owned(likenessId, ownerId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("likeness " + likenessId))
                .chain(() -> grants.ofLikeness(likenessId));
    }

    /** Withdraws a grant. Revoking a revoked grant changes nothing. */
    @WithTransaction
    public Uni<Grant> revoke(UUID likenessId, UUID grantId, String ownerId) {
        OffsetDateTime now = LikenessService.now();
        return owned(likenessId, ownerId).chain(likeness -> grants.findById(grantId).chain(grant -> {
            if (grant == null || !grant.likenessId.equals(likenessId)) {
                return Uni.createFrom().failure(ProblemException.notFound("grant " + grantId));
            }
            if (grant.revokedAt != null) {
                return Uni.createFrom().item(grant);
            }
            grant.revokedAt = now;
            likeness.narrowed(now);
            return outbox.append(new GrantRevokedEvent(grant.id, likenessId, ownerId, grant.granteeId, now, likeness.revision))
                    .replaceWith(grant);
        }));
    }

    private Uni<Likeness> owned(UUID likenessId, String ownerId) {
        return likenesses.ownedForUpdate(likenessId, ownerId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("likeness " + likenessId));
    }
}
