package dev.likeness.consent.grant;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.likeness.consent.likeness.Likeness;
import dev.likeness.kit.paging.PageCursor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class GrantRepository implements PanacheRepositoryBase<Grant, UUID> {

    /** A likeness' grants newest first, after a cursor position (or from the newest when null). */
    public Uni<List<Grant>> ofLikeness(UUID likenessId, PageCursor after, int limit) {
        if (after == null) {
            return find("likenessId = ?1 order by createdAt desc, id desc", likenessId).page(0, limit).list();
        }
        return find("likenessId = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3)) order by createdAt desc, id desc",
                likenessId, after.createdAt(), after.id()).page(0, limit).list();
    }

    public Uni<Grant> inForce(UUID likenessId, String granteeId) {
        return find("likenessId = ?1 and granteeId = ?2 and revokedAt is null", likenessId, granteeId).firstResult();
    }

    /**
     * The grants in force that a person holds (not revoked, expired or used up), newest first, after a
     * cursor position (or from the newest when null), each with its likeness' owner and status. Read
     * through {@code consent_grant_held} (migration V8).
     */
    public Uni<List<HeldGrant>> heldPage(String granteeId, OffsetDateTime now, OffsetDateTime afterTime, UUID afterGrant, int limit) {
        String after = afterTime == null ? "" : " and (g.createdAt < ?4 or (g.createdAt = ?4 and g.id < ?5))";
        return Panache.getSession().chain(session -> {
            var query = session.createQuery("select g, l.ownerId, l.status from Grant g join Likeness l on l.id = g.likenessId"
                            + " where g.granteeId = ?1 and g.revokedAt is null"
                            + " and (g.expiresAt is null or g.expiresAt > ?2) and (g.maxUses is null or g.uses < g.maxUses)"
                            + " and l.status <> ?3" + after + " order by g.createdAt desc, g.id desc", Object[].class)
                    .setParameter(1, granteeId).setParameter(2, now).setParameter(3, Likeness.Status.DELETED);
            if (afterTime != null) {
                query.setParameter(4, afterTime).setParameter(5, afterGrant);
            }
            return query.setMaxResults(limit).getResultList();
        }).map(rows -> rows.stream()
                .map(row -> new HeldGrant((Grant) row[0], (String) row[1], (Likeness.Status) row[2])).toList());
    }
}
