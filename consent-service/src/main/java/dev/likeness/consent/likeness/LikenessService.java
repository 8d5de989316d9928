package dev.likeness.consent.likeness;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.likeness.consent.common.ProblemException;
import dev.likeness.consent.messaging.PoisonEventException;
import dev.likeness.consent.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class LikenessService {

    private final LikenessRepository likenesses;
    private final Outbox outbox;

    LikenessService(LikenessRepository likenesses, Outbox outbox) {
        this.likenesses = likenesses;
        this.outbox = outbox;
    }

    @WithSession
    public Uni<List<Likeness>> ownedBy(String ownerId) {
        return likenesses.ownedBy(ownerId);
    }

    @WithSession
    public Uni<Likeness> owned(UUID id, String ownerId) {
        return likenesses.owned(id, ownerId).onItem().ifNull().failWith(() -> ProblemException.notFound("likeness " + id));
    }

    @WithTransaction
    public Uni<Likeness> changeAudience(UUID id, String ownerId, Audience audience) {
        return likenesses.ownedForUpdate(id, ownerId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("likeness " + id))
                .chain(likeness -> {
                    if (likeness.audience == audience) {
                        return Uni.createFrom().item(likeness);
                    }
                    Audience previous = likeness.audience;
                    likeness.audience = audience;
                    likeness.narrowed(now());
                    return outbox.append(new AudienceChangedEvent(likeness.id, ownerId, previous, audience, likeness.revision))
                            .replaceWith(likeness);
                });
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
                likeness.updatedAt = now();
                return likenesses.persist(likeness).replaceWithVoid();
            }
            if (!existing.ownerId.equals(event.ownerId())) {
                throw new PoisonEventException("likeness " + existing.id + " belongs to another owner");
            }
            existing.status = Likeness.Status.VERIFIED;
            existing.verifiedAt = event.verifiedAt();
            existing.narrowed(now());
            return Uni.createFrom().voidItem();
        });
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
