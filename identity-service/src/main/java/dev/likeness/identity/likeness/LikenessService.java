package dev.likeness.identity.likeness;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.likeness.identity.biometric.BiometricVault;
import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.outbox.DomainEvent;
import dev.likeness.kit.outbox.Outbox;
import dev.likeness.kit.paging.PageCursor;
import dev.likeness.kit.time.Clocks;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The likeness lifecycle: VERIFIED, SUSPENDED and back by trust and safety, DELETED for good by
 * its owner or trust and safety. Each change locks the row and appends its event in the same
 * transaction, so one likeness' events are published in the order its changes committed.
 * Owners never see a deleted likeness, nor anyone else's; trust and safety see them all.
 */
@ApplicationScoped
public class LikenessService {

    /** Likenesses per page of an export. */
    static final int EXPORT_PAGE = 100;

    @Inject LikenessRepository likenesses;
    @Inject Outbox outbox;
    @Inject BiometricVault vault;
    @Inject Clock clock;

    @WithSession
    public Uni<Likeness> getOwn(UUID id, String ownerId) {
        return likenesses.owned(id, ownerId).onItem().ifNull().failWith(() -> notFound(id));
    }

    /** The owner's reference image, decrypted; 404 when there is none. */
    @WithSession
    public Uni<BiometricVault.Content> referenceImage(UUID id, String ownerId) {
        return getOwn(id, ownerId)
                .chain(likeness -> vault.read(likeness.id, BiometricVault.Kind.REFERENCE_IMAGE))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("reference image of likeness " + id));
    }

    /**
     * A page of the owner's export: every likeness they have or had, deleted ones included, oldest
     * first after {@code after}, each with its biometric data decrypted while it exists. At most one
     * likeness of a person is not deleted, so a page holds at most one reference image and capture.
     */
    @WithSession
    public Uni<List<LikenessExport>> exportPage(String ownerId, PageCursor after) {
        return likenesses.everyOwnedBy(ownerId, after, EXPORT_PAGE).chain(page -> Multi.createFrom().iterable(page)
                .onItem().transformToUniAndConcatenate(this::export)
                .collect().asList());
    }

    private Uni<LikenessExport> export(Likeness likeness) {
        if (likeness.status == Likeness.Status.DELETED) {
            return Uni.createFrom().item(LikenessExport.deleted(likeness));
        }
        return vault.read(likeness.id, BiometricVault.Kind.REFERENCE_IMAGE)
                .chain(image -> vault.read(likeness.id, BiometricVault.Kind.CAPTURE)
                        .map(capture -> LikenessExport.kept(likeness, image, capture)));
    }

    @WithSession
    public Uni<Likeness> getAny(UUID id) {
        return likenesses.findById(id).onItem().ifNull().failWith(() -> notFound(id));
    }

    @WithTransaction
    public Uni<Likeness> suspend(UUID id, String reason) {
        return change(id, Likeness.Status.VERIFIED, "not-verified", "only a verified likeness can be suspended", (likeness, now) -> {
            likeness.status = Likeness.Status.SUSPENDED;
            likeness.suspendedAt = now;
            likeness.suspensionReason = reason;
            return new LikenessSuspendedEvent(likeness.id, likeness.ownerId, reason, now);
        });
    }

    @WithTransaction
    public Uni<Likeness> reinstate(UUID id) {
        return change(id, Likeness.Status.SUSPENDED, "not-suspended", "only a suspended likeness can be reinstated", (likeness, now) -> {
            likeness.status = Likeness.Status.VERIFIED;
            likeness.suspendedAt = null;
            likeness.suspensionReason = null;
            return new LikenessReinstatedEvent(likeness.id, likeness.ownerId, now);
        });
    }

    /** Locks the likeness, refuses unless it is {@code from} (409 {@code code}), applies the change and appends its event. */
    private Uni<Likeness> change(UUID id, Likeness.Status from, String code, String rule,
                                 BiFunction<Likeness, OffsetDateTime, DomainEvent> apply) {
        return likenesses.forUpdate(id).onItem().ifNull().failWith(() -> notFound(id)).chain(likeness -> {
            if (likeness.status != from) {
                throw new ProblemException(409, code, "Likeness not " + from.name().toLowerCase(Locale.ROOT),
                        "The likeness is " + likeness.status + "; " + rule);
            }
            OffsetDateTime now = Clocks.micros(clock);
            likeness.updatedAt = now;
            return outbox.append(apply.apply(likeness, now)).replaceWith(likeness);
        });
    }

    /** The owner deletes their likeness, suspended or not; a deleted one is not found again. */
    @WithTransaction
    public Uni<Void> deleteOwn(UUID id, String ownerId) {
        return likenesses.ownedForUpdate(id, ownerId).onItem().ifNull().failWith(() -> notFound(id)).chain(this::delete);
    }

    @WithTransaction
    public Uni<Void> deleteAny(UUID id) {
        return likenesses.forUpdate(id)
                .onItem().ifNull().failWith(() -> notFound(id))
                .invoke(likeness -> {
                    if (likeness.status == Likeness.Status.DELETED) {
                        throw notFound(id);
                    }
                })
                .chain(this::delete);
    }

    /**
     * Erases every likeness of the person, in the caller's transaction (their erasure; their
     * enrolments, which refer to them, must be gone first): each one not yet deleted is deleted as
     * its owner would delete it, its data key and biometric data destroyed and likeness.deleted
     * published; then every row of theirs, tombstones included, is removed.
     */
    public Uni<Void> erase(String ownerId) {
        return likenesses.everyOwnedForUpdate(ownerId).chain(owned -> {
            Uni<Void> deleted = Uni.createFrom().voidItem();
            for (Likeness likeness : owned) {
                if (likeness.status != Likeness.Status.DELETED) {
                    deleted = deleted.chain(() -> delete(likeness));
                }
            }
            return deleted;
        }).chain(() -> likenesses.delete("ownerId", ownerId)).replaceWithVoid();
    }

    private Uni<Void> delete(Likeness likeness) {
        OffsetDateTime now = Clocks.micros(clock);
        likeness.status = Likeness.Status.DELETED;
        likeness.deletedAt = now;
        likeness.updatedAt = now;
        return vault.shred(likeness.id).chain(() -> outbox.append(new LikenessDeletedEvent(likeness.id, likeness.ownerId, now)));
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("likeness " + id);
    }
}
