package dev.likeness.consent.grant;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

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
}
