package dev.likeness.consent.draft;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import dev.likeness.consent.ledger.Ledger;
import dev.likeness.consent.likeness.Likeness;
import dev.likeness.consent.likeness.LikenessRepository;
import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** A draft's way out: a featured owner asks for its removal, the platform that rendered it says it is gone. */
@ApplicationScoped
public class DraftRemoval {

    @Inject DraftRepository drafts;
    @Inject LikenessRepository likenesses;
    @Inject Outbox outbox;
    @Inject Ledger ledger;
    @Inject Clock clock;

    /** A featured owner asks the platform to remove the draft; asking again changes nothing. */
    @WithTransaction
    public Uni<Registered> requestRemoval(UUID likenessId, UUID draftId, String ownerId, String reason) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return likenesses.ownedForUpdate(likenessId, ownerId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("likeness " + likenessId))
                .chain(likeness -> drafts.featured(draftId).chain(featured -> {
                    DraftLikeness mine = featured.stream().filter(f -> f.likenessId.equals(likenessId)).findFirst()
                            .orElseThrow(() -> ProblemException.notFound("draft " + draftId));
                    return drafts.findById(draftId).chain(draft -> {
                        Registered result = new Registered(draft, featured, false);
                        if (mine.removalRequestedAt != null || draft.status == Draft.Status.REMOVED) {
                            return Uni.createFrom().item(result);
                        }
                        mine.removalRequestedAt = now;
                        mine.removalReason = reason == null || reason.isBlank() ? null : reason.strip();
                        draft.status = Draft.Status.REMOVAL_REQUESTED;
                        return outbox.append(new DraftRemovalRequestedEvent(draft.id, draft.externalId, draft.platformId,
                                        draft.creatorId, likenessId, ownerId, mine.removalReason, now))
                                .chain(() -> ledger.append(likeness, "draft.removal-requested", ownerId,
                                        Ledger.data("draftId", draft.id, "reason", mine.removalReason)))
                                .replaceWith(result);
                    });
                }));
    }

    /** The platform took the draft down; recorded in every featured likeness' ledger. */
    @WithTransaction
    public Uni<Registered> markRemoved(UUID draftId, String platformId) {
        return drafts.ofPlatform(draftId, platformId).chain(draft -> drafts.featured(draftId).chain(featured -> {
            Registered result = new Registered(draft, featured, false);
            if (draft.status == Draft.Status.REMOVED) {
                return Uni.createFrom().item(result);
            }
            draft.status = Draft.Status.REMOVED;
            draft.removedAt = OffsetDateTime.now(clock);
            return appendToAll(featured.stream().map(f -> f.likenessId).toList(), "draft.removed", platformId,
                    Ledger.data("draftId", draft.id)).replaceWith(result);
        }));
    }

    private Uni<Void> appendToAll(List<UUID> likenessIds, String type, String platformId, Map<String, Object> data) {
        return likenesses.find("id in ?1 order by id", likenessIds).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .chain(locked -> {
                    Uni<Void> done = Uni.createFrom().voidItem();
                    for (Likeness likeness : locked) {
                        done = done.chain(() -> ledger.append(likeness, type, Ledger.platform(platformId), data));
                    }
                    return done;
                });
    }
}
