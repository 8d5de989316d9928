package dev.likeness.identity.likeness;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.likeness.kit.paging.PageCursor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class LikenessRepository implements PanacheRepositoryBase<Likeness, UUID> {

    /** The owner's likenesses; deleted ones no longer exist for them. */
    public Uni<List<Likeness>> ownedBy(String ownerId) {
        return list("ownerId = ?1 and status <> ?2", ownerId, Likeness.Status.DELETED);
    }

    /** A page of every likeness the owner has or had, deleted ones included, oldest first, after {@code after}. */
    public Uni<List<Likeness>> everyOwnedBy(String ownerId, PageCursor after, int limit) {
        if (after == null) {
            return find("ownerId = ?1 order by verifiedAt, id", ownerId).page(0, limit).list();
        }
        return find("ownerId = ?1 and (verifiedAt > ?2 or (verifiedAt = ?2 and id > ?3)) order by verifiedAt, id",
                ownerId, after.createdAt(), after.id()).page(0, limit).list();
    }

    /** A verified or suspended likeness: either keeps its owner from enrolling another. */
    public Uni<Boolean> hasLikeness(String ownerId) {
        return count("ownerId = ?1 and status <> ?2", ownerId, Likeness.Status.DELETED).map(count -> count > 0);
    }

    /** The owner's likeness unless deleted; null for anyone else's, which the API answers as 404. */
    public Uni<Likeness> owned(UUID id, String ownerId) {
        return find("id = ?1 and ownerId = ?2 and status <> ?3", id, ownerId, Likeness.Status.DELETED).firstResult();
    }

    /** Locked, so concurrent lifecycle changes of one likeness apply (and publish) one after the other. */
    public Uni<Likeness> ownedForUpdate(UUID id, String ownerId) {
        return find("id = ?1 and ownerId = ?2 and status <> ?3", id, ownerId, Likeness.Status.DELETED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Every likeness the owner has or had, deleted ones included, locked. */
    public Uni<List<Likeness>> everyOwnedForUpdate(String ownerId) {
        return find("ownerId", ownerId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public Uni<Likeness> forUpdate(UUID id) {
        return find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
