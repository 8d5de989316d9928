package dev.likeness.identity.enrolment;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class EnrolmentRepository implements PanacheRepositoryBase<Enrolment, UUID> {

    /** The owner's enrolment; null for anyone else's, which the API answers as 404. */
    public Uni<Enrolment> owned(UUID id, String ownerId) {
        return find("id = ?1 and ownerId = ?2", id, ownerId).firstResult();
    }

    /** The person's challenges still waiting for a capture, oldest first, at most {@code limit}. */
    public Uni<List<Enrolment>> open(String ownerId, OffsetDateTime now, int limit) {
        return find("ownerId = ?1 and status = ?2 and expiresAt > ?3 order by expiresAt", ownerId, Enrolment.Status.AWAITING_CAPTURE, now)
                .page(0, limit).list();
    }

    /** Locked: two captures racing for one challenge are serialised, the second finds it used. */
    public Uni<Enrolment> ownedForUpdate(UUID id, String ownerId) {
        return find("id = ?1 and ownerId = ?2", id, ownerId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
