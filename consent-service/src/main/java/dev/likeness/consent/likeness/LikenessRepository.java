package dev.likeness.consent.likeness;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class LikenessRepository implements PanacheRepositoryBase<Likeness, UUID> {

    public Uni<List<Likeness>> ownedBy(String ownerId) {
        return list("ownerId = ?1 and status <> ?2 order by verifiedAt", ownerId, Likeness.Status.DELETED);
    }

    /** The owner's likeness; null when it does not exist or belongs to someone else (a 404 either way). */
    public Uni<Likeness> owned(UUID id, String ownerId) {
        return find("id = ?1 and ownerId = ?2 and status <> ?3", id, ownerId, Likeness.Status.DELETED).firstResult();
    }

    /** The owner's likeness, deleted or not: its history (ledger, drafts) stays theirs to read. */
    public Uni<Likeness> ownedEver(UUID id, String ownerId) {
        return find("id = ?1 and ownerId = ?2", id, ownerId).firstResult();
    }

    public Uni<Likeness> forUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Locks the row for a change that bumps its revision, serialising it with draft registration. */
    public Uni<Likeness> ownedForUpdate(UUID id, String ownerId) {
        return find("id = ?1 and ownerId = ?2 and status <> ?3", id, ownerId, Likeness.Status.DELETED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
