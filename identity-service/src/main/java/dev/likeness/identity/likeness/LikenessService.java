package dev.likeness.identity.likeness;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.likeness.identity.biometric.BiometricVault;
import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.outbox.Outbox;
import dev.likeness.kit.time.Clocks;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The likeness lifecycle: VERIFIED, SUSPENDED and back by trust and safety, DELETED for good by
 * its owner or trust and safety. Each change locks the row and appends its event in the same
 * transaction, so one likeness' events are published in the order its changes committed.
 * Owners never see a deleted likeness, nor anyone else's; trust and safety see them all.
 */
@ApplicationScoped
public class LikenessService {

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

    @WithSession
    public Uni<Likeness> getAny(UUID id) {
        return likenesses.findById(id).onItem().ifNull().failWith(() -> notFound(id));
    }

    @WithTransaction
    public Uni<Likeness> suspend(UUID id, String reason) {
        return likenesses.forUpdate(id).onItem().ifNull().failWith(() -> notFound(id)).chain(likeness -> {
            if (likeness.status != Likeness.Status.VERIFIED) {
                throw conflict("not-verified", "Likeness not verified", likeness, "only a verified likeness can be suspended");
            }
            OffsetDateTime now = Clocks.micros(clock);
            likeness.status = Likeness.Status.SUSPENDED;
            likeness.suspendedAt = now;
            likeness.suspensionReason = reason;
            likeness.updatedAt = now;
            return outbox.append(new LikenessSuspendedEvent(likeness.id, likeness.ownerId, reason, now)).replaceWith(likeness);
        });
    }

    @WithTransaction
    public Uni<Likeness> reinstate(UUID id) {
        return likenesses.forUpdate(id).onItem().ifNull().failWith(() -> notFound(id)).chain(likeness -> {
            if (likeness.status != Likeness.Status.SUSPENDED) {
                throw conflict("not-suspended", "Likeness not suspended", likeness, "only a suspended likeness can be reinstated");
            }
            OffsetDateTime now = Clocks.micros(clock);
            likeness.status = Likeness.Status.VERIFIED;
            likeness.suspendedAt = null;
            likeness.suspensionReason = null;
            likeness.updatedAt = now;
            return outbox.append(new LikenessReinstatedEvent(likeness.id, likeness.ownerId, now)).replaceWith(likeness);
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

    private static ProblemException conflict(String code, String title, Likeness likeness, String rule) {
        return new ProblemException(409, code, title, "The likeness is " + likeness.status + "; " + rule);
    }
}
