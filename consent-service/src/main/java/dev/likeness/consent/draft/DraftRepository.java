package dev.likeness.consent.draft;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class DraftRepository implements PanacheRepositoryBase<Draft, UUID> {

    public Uni<Draft> byPlatform(String platformId, String externalId) {
        return find("platformId = ?1 and externalId = ?2", platformId, externalId).firstResult();
    }

    public Uni<List<DraftLikeness>> featured(UUID draftId) {
        return Panache.getSession().chain(session -> session
                .createQuery("from DraftLikeness where draftId = ?1 order by likenessId", DraftLikeness.class)
                .setParameter(1, draftId)
                .getResultList());
    }
}
