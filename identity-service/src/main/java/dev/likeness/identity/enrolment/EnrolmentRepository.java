package dev.likeness.identity.enrolment;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.likeness.kit.paging.PageCursor;
import io.quarkus.hibernate.reactive.panache.Panache;
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

    /** A page of every enrolment of the owner, oldest first, after {@code after}. */
    public Uni<List<Enrolment>> everyOwnedBy(String ownerId, PageCursor after, int limit) {
        if (after == null) {
            return find("ownerId = ?1 order by createdAt, id", ownerId).page(0, limit).list();
        }
        return find("ownerId = ?1 and (createdAt > ?2 or (createdAt = ?2 and id > ?3)) order by createdAt, id",
                ownerId, after.createdAt(), after.id()).page(0, limit).list();
    }

    /** The SHA-256 (hex) of the capture first submitted for each of these enrolments that has one. */
    public Uni<Map<UUID, String>> captureDigests(Collection<UUID> enrolmentIds) {
        if (enrolmentIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "SELECT enrolment_id, sha256 FROM capture_digest WHERE enrolment_id IN (?1)", Object[].class)
                .setParameter(1, enrolmentIds)
                .getResultList())
                .map(rows -> {
                    Map<UUID, String> digests = new HashMap<>();
                    rows.forEach(row -> digests.put((UUID) row[0], (String) row[1]));
                    return digests;
                });
    }

    /**
     * The digests of the owner's captures no longer name their enrolment, and keep only the day
     * they were first submitted: what the replay guard needs, and nothing that leads back to them.
     */
    public Uni<Integer> unlinkCaptureDigests(String ownerId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        UPDATE capture_digest SET enrolment_id = NULL, created_at = date_trunc('day', created_at)
                        WHERE enrolment_id IN (SELECT id FROM enrolment WHERE owner_id = ?1)""")
                .setParameter(1, ownerId)
                .executeUpdate());
    }

    /** Locked: two captures racing for one challenge are serialised, the second finds it used. */
    public Uni<Enrolment> ownedForUpdate(UUID id, String ownerId) {
        return find("id = ?1 and ownerId = ?2", id, ownerId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
