package dev.likeness.consent.likeness;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.likeness.consent.ledger.Ledger;
import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.messaging.PoisonEventException;
import dev.likeness.kit.outbox.Outbox;
import dev.likeness.kit.paging.Page;
import dev.likeness.kit.paging.PageCursor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * A likeness' settings, changed by its owner, and its lifecycle, which follows identity-service.
 * Every change locks the likeness row, bumps the revision when it can narrow consent, and is
 * appended to the likeness' ledger in the same transaction.
 */
@ApplicationScoped
public class LikenessService {

    @Inject LikenessRepository likenesses;
    @Inject Outbox outbox;
    @Inject Ledger ledger;
    @Inject Clock clock;

    @WithSession
    public Uni<List<Likeness>> ownedBy(String ownerId) {
        return likenesses.ownedBy(ownerId);
    }

    @WithSession
    public Uni<Likeness> owned(UUID id, String ownerId) {
        return likenesses.owned(id, ownerId).onItem().ifNull().failWith(() -> ProblemException.notFound("likeness " + id));
    }

    /** Teen accounts may not open their likeness to everyone. */
    @WithTransaction
    public Uni<Likeness> changeAudience(UUID id, String ownerId, Audience audience, boolean teen) {
        if (teen && audience == Audience.EVERYONE) {
            return Uni.createFrom().failure(new ProblemException(422, "audience-not-allowed", "Audience not allowed",
                    "Teen accounts may choose ONLY_ME, APPROVED or MUTUALS, not EVERYONE"));
        }
        return ownedForUpdate(id, ownerId).chain(likeness -> {
            if (likeness.audience == audience) {
                return Uni.createFrom().item(likeness);
            }
            Audience previous = likeness.audience;
            likeness.audience = audience;
            likeness.narrowed(OffsetDateTime.now(clock));
            return outbox.append(new AudienceChangedEvent(likeness.id, ownerId, previous, audience, likeness.revision))
                    .chain(() -> ledger.append(likeness, "audience.changed", ownerId,
                            Ledger.data("previous", previous, "audience", audience, "revision", likeness.revision)))
                    .replaceWith(likeness);
        });
    }

    @WithTransaction
    public Uni<Likeness> changeRestrictions(UUID id, String ownerId, Restrictions restrictions) {
        String guidelines = restrictions.guidelines() == null || restrictions.guidelines().isBlank()
                ? null : restrictions.guidelines().strip();
        return ownedForUpdate(id, ownerId).chain(likeness -> {
            if (likeness.forbidden().equals(restrictions.forbiddenTags()) && Objects.equals(likeness.guidelines, guidelines)) {
                return Uni.createFrom().item(likeness);
            }
            likeness.forbid(restrictions.forbiddenTags());
            likeness.guidelines = guidelines;
            likeness.narrowed(OffsetDateTime.now(clock));
            return ledger.append(likeness, "restrictions.changed", ownerId, Ledger.data("forbiddenTags",
                            likeness.forbiddenTags, "guidelines", guidelines, "revision", likeness.revision))
                    .replaceWith(likeness);
        });
    }

    /** The people blocked from the likeness, newest first (keyed by person: a block's id). */
    @WithSession
    public Uni<Page<Block>> blocks(UUID id, String ownerId, PageCursor after, int limit) {
        String afterCursor = after == null ? "" : " and (createdAt < ?2 or (createdAt = ?2 and blockedId < ?3))";
        return owned(id, ownerId).chain(() -> Panache.getSession().chain(session -> {
            var query = session.createQuery("from Block where likenessId = ?1" + afterCursor + " order by createdAt desc, blockedId desc",
                    Block.class).setParameter(1, id);
            if (after != null) {
                query.setParameter(2, after.createdAt()).setParameter(3, after.key());
            }
            return query.setMaxResults(limit + 1).getResultList();
        })).map(rows -> Page.of(rows, limit, block -> new PageCursor(block.createdAt, block.blockedId)));
    }

    /** Blocking is idempotent: blocking a blocked person answers the existing block. */
    @WithTransaction
    public Uni<Block> block(UUID id, String ownerId, String personId) {
        return ownedForUpdate(id, ownerId).invoke(() -> {
            if (personId.equals(ownerId)) {
                throw new ProblemException(422, "self-block", "Blocking the owner", "The owner cannot block themselves");
            }
        }).chain(likeness -> Panache.getSession()
                .chain(session -> session.find(Block.class, new Block.Key(id, personId)))
                .chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().item(existing);
                    }
                    Block block = new Block();
                    block.likenessId = id;
                    block.blockedId = personId;
                    block.createdAt = OffsetDateTime.now(clock);
                    likeness.narrowed(block.createdAt);
                    return Panache.getSession().chain(session -> session.persist(block))
                            .chain(() -> ledger.append(likeness, "block.added", ownerId,
                                    Ledger.data("personId", personId, "revision", likeness.revision)))
                            .replaceWith(block);
                }));
    }

    @WithTransaction
    public Uni<Void> unblock(UUID id, String ownerId, String personId) {
        return ownedForUpdate(id, ownerId).chain(likeness -> Panache.getSession()
                .chain(session -> session.find(Block.class, new Block.Key(id, personId))
                        .chain(existing -> existing == null
                                ? Uni.createFrom().voidItem()
                                : session.remove(existing).chain(() -> ledger.append(likeness, "block.removed", ownerId,
                                        Ledger.data("personId", personId))))));
    }

    /** Called in the consumer's transaction: the likeness becomes (or again is) checkable. */
    public Uni<Void> verified(LikenessVerified event) {
        return likenesses.findById(event.likenessId()).chain(existing -> {
            if (existing == null) {
                Likeness likeness = new Likeness();
                likeness.id = event.likenessId();
                likeness.ownerId = event.ownerId();
                likeness.status = Likeness.Status.VERIFIED;
                likeness.audience = Audience.ONLY_ME;
                likeness.revision = 1;
                likeness.verifiedAt = event.verifiedAt();
                likeness.updatedAt = OffsetDateTime.now(clock);
                return likenesses.persist(likeness).chain(() -> ledger.append(likeness, "likeness.verified",
                        Ledger.IDENTITY_SERVICE, Ledger.data("method", event.method(), "verifiedAt", event.verifiedAt())));
            }
            requireOwner(existing, event.ownerId());
            if (existing.status == Likeness.Status.DELETED) {
                throw new PoisonEventException("likeness " + existing.id + " was deleted");
            }
            existing.status = Likeness.Status.VERIFIED;
            existing.verifiedAt = event.verifiedAt();
            existing.narrowed(OffsetDateTime.now(clock));
            return ledger.append(existing, "likeness.verified", Ledger.IDENTITY_SERVICE,
                    Ledger.data("method", event.method(), "verifiedAt", event.verifiedAt(), "revision", existing.revision));
        });
    }

    /** Every check is denied while suspended; tokens issued before are worthless. */
    public Uni<Void> suspended(LikenessSuspended event) {
        return follow(event.likenessId(), event.ownerId(), likeness -> {
            likeness.status = Likeness.Status.SUSPENDED;
            likeness.narrowed(OffsetDateTime.now(clock));
            return ledger.append(likeness, "likeness.suspended", Ledger.IDENTITY_SERVICE,
                    Ledger.data("reason", event.reason(), "revision", likeness.revision));
        });
    }

    public Uni<Void> reinstated(LikenessReinstated event) {
        return follow(event.likenessId(), event.ownerId(), likeness -> {
            likeness.status = Likeness.Status.VERIFIED;
            likeness.narrowed(OffsetDateTime.now(clock));
            return ledger.append(likeness, "likeness.reinstated", Ledger.IDENTITY_SERVICE,
                    Ledger.data("revision", likeness.revision));
        });
    }

    /**
     * Deletion: {@code release} first ends what consent rests on the likeness (grants, open
     * requests), then the likeness is deleted; the ledger stays for audit, and the drafts
     * featuring it are asked to be removed ({@code draft.RemovalSweep}).
     */
    public Uni<Void> deleted(LikenessDeleted event, Function<Likeness, Uni<?>> release) {
        return follow(event.likenessId(), event.ownerId(), likeness -> release.apply(likeness)
                .chain(() -> {
                    likeness.status = Likeness.Status.DELETED;
                    likeness.draftsRemovalPending = true;
                    likeness.narrowed(OffsetDateTime.now(clock));
                    return ledger.append(likeness, "likeness.deleted", Ledger.IDENTITY_SERVICE,
                            Ledger.data("revision", likeness.revision));
                }));
    }

    /**
     * Applies a lifecycle event to a known likeness. One never verified here has nothing to
     * follow (identity-service may suspend or delete a likeness before verifying it).
     */
    private Uni<Void> follow(UUID id, String ownerId, Function<Likeness, Uni<Void>> change) {
        return likenesses.forUpdate(id).chain(likeness -> {
            if (likeness == null || likeness.status == Likeness.Status.DELETED) {
                return Uni.createFrom().voidItem();
            }
            requireOwner(likeness, ownerId);
            return change.apply(likeness);
        });
    }

    private static void requireOwner(Likeness likeness, String ownerId) {
        if (!likeness.ownerId.equals(ownerId)) {
            throw new PoisonEventException("likeness " + likeness.id + " belongs to another owner");
        }
    }

    private Uni<Likeness> ownedForUpdate(UUID id, String ownerId) {
        return likenesses.ownedForUpdate(id, ownerId).onItem().ifNull().failWith(() -> ProblemException.notFound("likeness " + id));
    }
}
