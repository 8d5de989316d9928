package dev.likeness.consent.draft;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.likeness.kit.http.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class DraftRepository implements PanacheRepositoryBase<Draft, UUID> {

    public Uni<List<DraftLikeness>> featuredOf(List<UUID> draftIds) {
        if (draftIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().chain(session -> session
                .createQuery("from DraftLikeness where draftId in ?1 order by likenessId", DraftLikeness.class)
                .setParameter(1, draftIds)
                .getResultList());
    }

    /** A likeness' drafts newest first, after a cursor position (or from the newest when null). */
    public Uni<List<DraftLikeness>> featuringPage(UUID likenessId, OffsetDateTime afterTime, UUID afterDraft, int limit) {
        String after = afterTime == null ? "" : " and (createdAt < ?2 or (createdAt = ?2 and draftId < ?3))";
        return Panache.getSession().chain(session -> {
            var query = session.createQuery("from DraftLikeness where likenessId = ?1" + after
                    + " order by createdAt desc, draftId desc", DraftLikeness.class).setParameter(1, likenessId);
            if (afterTime != null) {
                query.setParameter(2, afterTime).setParameter(3, afterDraft);
            }
            return query.setMaxResults(limit).getResultList();
        });
    }

    public Uni<List<DraftLikeness>> featured(UUID draftId) {
        return Panache.getSession().chain(session -> session
                .createQuery("from DraftLikeness where draftId = ?1 order by likenessId", DraftLikeness.class)
                .setParameter(1, draftId)
                .getResultList());
    }

    /** The platform's draft; not found for any other platform. */
    public Uni<Draft> ofPlatform(UUID id, String platformId) {
        return findById(id).map(draft -> {
            if (draft == null || !draft.platformId.equals(platformId)) {
                throw ProblemException.notFound("draft " + id);
            }
            return draft;
        });
    }
}
