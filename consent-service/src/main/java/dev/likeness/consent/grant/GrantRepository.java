package dev.likeness.consent.grant;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class GrantRepository implements PanacheRepositoryBase<Grant, UUID> {

    public Uni<List<Grant>> ofLikeness(UUID likenessId) {
        return list("likenessId = ?1 order by createdAt desc", likenessId);
    }

    public Uni<Grant> inForce(UUID likenessId, String granteeId) {
        return find("likenessId = ?1 and granteeId = ?2 and revokedAt is null", likenessId, granteeId).firstResult();
    }

    /** Every grant the person ever had on these likenesses, newest first: the in-force one and the revoked history. */
    public Uni<List<Grant>> forGrantee(Collection<UUID> likenessIds, String granteeId) {
        return list("likenessId in ?1 and granteeId = ?2 order by createdAt desc", likenessIds, granteeId);
    }

    /** Locked, because registering a draft consumes a use of it. */
    public Uni<List<Grant>> inForceForUpdate(Collection<UUID> likenessIds, String granteeId) {
        return find("likenessId in ?1 and granteeId = ?2 and revokedAt is null", likenessIds, granteeId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
