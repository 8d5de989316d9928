package dev.likeness.consent.draft;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import dev.likeness.consent.ledger.Ledger;
import dev.likeness.consent.likeness.Likeness;
import dev.likeness.consent.likeness.LikenessRepository;
import dev.likeness.kit.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A deleted likeness' drafts: every platform is asked to remove every draft featuring it, as if its
 * owner had asked ({@code draft.removal-requested} with reason {@code likeness-deleted}, a ledger
 * entry each), {@link #BATCH} drafts per transaction so a likeness featured in very many drafts
 * costs no more at once. The deletion marks the likeness ({@code draftsRemovalPending}); a sweep
 * on any instance takes it under the likeness' lock, so a crash resumes and nothing is asked twice.
 */
@ApplicationScoped
public class RemovalSweep {

    public static final String LIKENESS_DELETED = "likeness-deleted";
    static final int BATCH = 100;

    @Inject LikenessRepository likenesses;
    @Inject Outbox outbox;
    @Inject Ledger ledger;
    @Inject Clock clock;

    @Scheduled(every = "${likeness.drafts.removal-sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return Multi.createBy().repeating().uni(this::batch).until(asked -> !asked).collect().last().replaceWithVoid();
    }

    /** One batch of one likeness; false when no deleted likeness has a draft left to ask for. */
    @WithTransaction
    Uni<Boolean> batch() {
        return likenesses.find("draftsRemovalPending = true order by id").withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .chain(likeness -> likeness == null ? Uni.createFrom().item(false) : pending(likeness).chain(rows -> {
                    if (rows.isEmpty()) {
                        likeness.draftsRemovalPending = false;
                        return Uni.createFrom().item(true);
                    }
                    OffsetDateTime now = OffsetDateTime.now(clock);
                    Uni<Void> done = Uni.createFrom().voidItem();
                    for (Object[] row : rows) {
                        DraftLikeness featured = (DraftLikeness) row[0];
                        Draft draft = (Draft) row[1];
                        featured.removalRequestedAt = now;
                        featured.removalReason = LIKENESS_DELETED;
                        draft.status = Draft.Status.REMOVAL_REQUESTED;
                        done = done.chain(() -> outbox.append(new DraftRemovalRequestedEvent(draft.id, draft.externalId,
                                        draft.platformId, draft.creatorId, likeness.id, likeness.ownerId, LIKENESS_DELETED, now)))
                                .chain(() -> ledger.append(likeness, "draft.removal-requested", Ledger.IDENTITY_SERVICE,
                                        Ledger.data("draftId", draft.id, "reason", LIKENESS_DELETED)));
                    }
                    return done.replaceWith(true);
                }));
    }

    /** Drafts featuring the likeness that were neither asked for nor removed yet, with their rows. */
    private static Uni<List<Object[]>> pending(Likeness likeness) {
        return Panache.getSession().chain(session -> session.createQuery("""
                        select f, d from DraftLikeness f join Draft d on d.id = f.draftId
                        where f.likenessId = ?1 and f.removalRequestedAt is null and d.status <> ?2
                        order by f.draftId""", Object[].class)
                .setParameter(1, likeness.id).setParameter(2, Draft.Status.REMOVED)
                .setMaxResults(BATCH).getResultList());
    }
}
