package dev.likeness.consent.draft;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.likeness.consent.likeness.LikenessRepository;
import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.paging.PageCursor;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** Drafts as their platform and the people they feature read them. */
@ApplicationScoped
public class DraftReads {

    public record Page(List<Registered> drafts, String nextCursor) {
    }

    @Inject DraftRepository drafts;
    @Inject LikenessRepository likenesses;

    @WithSession
    public Uni<Registered> get(UUID id, String platformId) {
        return drafts.ofPlatform(id, platformId).chain(draft -> drafts.featured(id).map(featured -> new Registered(draft, featured, false)));
    }

    /** The platform's drafts, newest first, optionally in one status. */
    @WithSession
    public Uni<Page> ofPlatform(String platformId, Draft.Status status, String cursor, int limit) {
        PageCursor after = PageCursor.decode(cursor);
        StringBuilder query = new StringBuilder("platformId = :platform");
        Parameters parameters = Parameters.with("platform", platformId);
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        if (after != null) {
            query.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            parameters.and("at", after.createdAt()).and("id", after.id());
        }
        query.append(" order by createdAt desc, id desc");
        return drafts.find(query.toString(), parameters).page(0, limit + 1).list().chain(found -> {
            List<Draft> page = found.size() > limit ? found.subList(0, limit) : found;
            return drafts.featuredOf(page.stream().map(d -> d.id).toList()).map(featured -> {
                Map<UUID, List<DraftLikeness>> byDraft = featured.stream().collect(Collectors.groupingBy(f -> f.draftId));
                List<Registered> items = page.stream()
                        .map(d -> new Registered(d, byDraft.getOrDefault(d.id, List.of()), false)).toList();
                Draft last = page.isEmpty() ? null : page.get(page.size() - 1);
                return new Page(items, found.size() > limit ? new PageCursor(last.createdAt, last.id).encode() : null);
            });
        });
    }

    /** Every draft featuring the owner's likeness, whoever made it, newest first. */
    @WithSession
    public Uni<Page> featuring(UUID likenessId, String ownerId, String cursor, int limit) {
        PageCursor after = PageCursor.decode(cursor);
        return likenesses.owned(likenessId, ownerId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("likeness " + likenessId))
                .chain(() -> drafts.featuringPage(likenessId, after == null ? null : after.createdAt(),
                        after == null ? null : after.id(), limit + 1))
                .chain(rows -> {
                    List<DraftLikeness> page = rows.size() > limit ? rows.subList(0, limit) : rows;
                    List<UUID> ids = page.stream().map(f -> f.draftId).toList();
                    return drafts.list("id in ?1", ids).chain(found -> drafts.featuredOf(ids).map(featured -> {
                        Map<UUID, Draft> byId = found.stream().collect(Collectors.toMap(d -> d.id, Function.identity()));
                        Map<UUID, List<DraftLikeness>> byDraft = featured.stream().collect(Collectors.groupingBy(f -> f.draftId));
                        List<Registered> items = ids.stream()
                                .map(id -> new Registered(byId.get(id), byDraft.getOrDefault(id, List.of()), false)).toList();
                        DraftLikeness last = page.isEmpty() ? null : page.get(page.size() - 1);
                        return new Page(items, rows.size() > limit ? new PageCursor(last.createdAt, last.draftId).encode() : null);
                    }));
                });
    }
}
