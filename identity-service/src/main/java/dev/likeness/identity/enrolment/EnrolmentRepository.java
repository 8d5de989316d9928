package dev.likeness.identity.enrolment;

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

    /** Locked: two captures racing for one challenge are serialised, the second finds it used. */
    public Uni<Enrolment> ownedForUpdate(UUID id, String ownerId) {
        return find("id = ?1 and ownerId = ?2", id, ownerId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
