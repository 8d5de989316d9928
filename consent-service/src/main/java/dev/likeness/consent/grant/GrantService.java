package dev.likeness.consent.grant;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.likeness.consent.ledger.Ledger;
import dev.likeness.consent.likeness.Likeness;
import dev.likeness.consent.likeness.LikenessRepository;
import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.outbox.Outbox;
import dev.likeness.kit.paging.Page;
import dev.likeness.kit.paging.PageCursor;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Grants, managed by the likeness' owner. Every change locks the likeness row first, so changes
 * to one likeness, and draft registrations against it, happen one after the other.
 */
@ApplicationScoped
public class GrantService {

    /** A page of held grants; {@code nextCursor} is null on the last one. */
    public record HeldPage(List<HeldGrant> grants, String nextCursor) {
    }

    @Inject LikenessRepository likenesses;
    @Inject GrantRepository grants;
    @Inject Outbox outbox;
    @Inject Ledger ledger;
    @Inject Clock clock;

    @WithTransaction
    public Uni<Grant> create(UUID likenessId, String ownerId, GrantRequest request) {
        return owned(likenessId, ownerId).chain(likeness -> {
            if (request.granteeId().equals(ownerId)) {
                throw new ProblemException(422, "self-grant", "Grant to the owner",
                        "The owner may always feature their own likeness; grant someone else");
            }
            return issue(likeness, request, ownerId);
        });
    }

    /** Creates a grant on a likeness the caller's transaction has locked; {@code actor} goes in the ledger. */
    public Uni<Grant> issue(Likeness likeness, GrantRequest request, String actor) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return grants.inForce(likeness.id, request.granteeId()).chain(existing -> {
            if (existing != null && existing.status(now) == Grant.Status.ACTIVE) {
                return Uni.createFrom().failure(new ProblemException(409, "grant-exists", "Grant exists",
                        "Grant " + existing.id + " already allows this person; revoke it to change it"));
            }
            if (existing != null) {
                existing.revokedAt = now; // spent (expired or used up): the new grant replaces it
            }
            Grant grant = new Grant();
            grant.id = UUID.randomUUID();
            grant.likenessId = likeness.id;
            grant.granteeId = request.granteeId();
            grant.purposes = request.purposes();
            grant.expiresAt = request.expiresAt();
            grant.maxUses = request.maxUses();
            grant.createdAt = now;
            return grants.persist(grant)
                    .chain(() -> outbox.append(new GrantCreatedEvent(grant.id, likeness.id, likeness.ownerId, grant.granteeId,
                            grant.purposes, grant.expiresAt, grant.maxUses)))
                    .chain(() -> ledger.append(likeness, "grant.created", actor, Ledger.data("grantId", grant.id,
                            "granteeId", grant.granteeId, "purposes", grant.purposes, "expiresAt", grant.expiresAt,
                            "maxUses", grant.maxUses)))
                    .replaceWith(grant);
        });
    }

    /** The likeness' grants, in force and past, newest first. */
    @WithSession
    public Uni<Page<Grant>> list(UUID likenessId, String ownerId, PageCursor after, int limit) {
        return likenesses.owned(likenessId, ownerId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("likeness " + likenessId))
                .chain(() -> grants.ofLikeness(likenessId, after, limit + 1))
                .map(rows -> Page.of(rows, limit, grant -> new PageCursor(grant.createdAt, grant.id)));
    }

    /** The grants in force that the person holds, newest first; any likeness status but deleted. */
    @WithSession
    public Uni<HeldPage> heldBy(String granteeId, String cursor, int limit) {
        PageCursor after = PageCursor.decode(cursor);
        return grants.heldPage(granteeId, OffsetDateTime.now(clock), after == null ? null : after.createdAt(),
                        after == null ? null : after.id(), limit + 1)
                .map(rows -> {
                    List<HeldGrant> page = rows.size() > limit ? rows.subList(0, limit) : rows;
                    Grant last = page.isEmpty() ? null : page.get(page.size() - 1).grant();
                    return new HeldPage(page, rows.size() > limit ? new PageCursor(last.createdAt, last.id).encode() : null);
                });
    }

    @WithSession
    public Uni<Receipt> receipt(UUID likenessId, UUID grantId, String ownerId, String controllerId) {
        return likenesses.owned(likenessId, ownerId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("likeness " + likenessId))
                .chain(likeness -> grants.findById(grantId).map(grant -> {
                    if (grant == null || !grant.likenessId.equals(likenessId)) {
                        throw ProblemException.notFound("grant " + grantId);
                    }
                    return Receipt.of(grant, likeness, controllerId, OffsetDateTime.now(clock));
                }));
    }

    /** Withdraws a grant. Revoking a revoked grant changes nothing. */
    @WithTransaction
    public Uni<Grant> revoke(UUID likenessId, UUID grantId, String ownerId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return owned(likenessId, ownerId).chain(likeness -> grants.findById(grantId).chain(grant -> {
            if (grant == null || !grant.likenessId.equals(likenessId)) {
                return Uni.createFrom().failure(ProblemException.notFound("grant " + grantId));
            }
            if (grant.revokedAt != null) {
                return Uni.createFrom().item(grant);
            }
            likeness.narrowed(now);
            return withdraw(likeness, grant, ownerId, now).replaceWith(grant);
        }));
    }

    /** Revokes every grant in force, with one revision bump; answers how many. */
    @WithTransaction
    public Uni<Integer> revokeAll(UUID likenessId, String ownerId) {
        return owned(likenessId, ownerId).chain(likeness -> revokeAll(likeness, ownerId));
    }

    /** Revokes every grant in force on a likeness the caller's transaction has locked. */
    public Uni<Integer> revokeAll(Likeness likeness, String actor) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return grants.list("likenessId = ?1 and revokedAt is null", likeness.id).chain(inForce -> {
            if (inForce.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            likeness.narrowed(now);
            Uni<Void> done = Uni.createFrom().voidItem();
            for (Grant grant : inForce) {
                done = done.chain(() -> withdraw(likeness, grant, actor, now));
            }
            return done.replaceWith(inForce.size());
        });
    }

    /** Revokes the grant in force that {@code granteeId} holds on a likeness the caller's transaction has locked, if any. */
    public Uni<Void> revokeHeld(Likeness likeness, String granteeId, String actor) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return grants.find("likenessId = ?1 and granteeId = ?2 and revokedAt is null", likeness.id, granteeId).firstResult()
                .chain(grant -> {
                    if (grant == null) {
                        return Uni.createFrom().voidItem();
                    }
                    likeness.narrowed(now);
                    return withdraw(likeness, grant, actor, now);
                });
    }

    private Uni<Void> withdraw(Likeness likeness, Grant grant, String actor, OffsetDateTime now) {
        grant.revokedAt = now;
        return outbox.append(new GrantRevokedEvent(grant.id, likeness.id, likeness.ownerId, grant.granteeId, now,
                        likeness.revision))
                .chain(() -> ledger.append(likeness, "grant.revoked", actor,
                        Ledger.data("grantId", grant.id, "granteeId", grant.granteeId, "revision", likeness.revision)));
    }

    private Uni<Likeness> owned(UUID likenessId, String ownerId) {
        return likenesses.ownedForUpdate(likenessId, ownerId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("likeness " + likenessId));
    }
}
