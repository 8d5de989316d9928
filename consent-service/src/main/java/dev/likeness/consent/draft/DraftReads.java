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
        StringBuilder query = new StringBuilder("platformId = :platform");
        Parameters parameters = Parameters.with("platform", platformId);
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        return newest(query, parameters, PageCursor.decode(cursor), limit + 1).map(found -> {
            List<Registered> page = found.size() > limit ? found.subList(0, limit) : found;
            Draft last = page.isEmpty() ? null : page.get(page.size() - 1).draft();
            return new Page(page, found.size() > limit ? new PageCursor(last.createdAt, last.id).encode() : null);
        });
    }

    /** The drafts a person made, on any platform, newest first: for their export. */
    @WithSession
    public Uni<List<Registered>> createdBy(String creatorId, PageCursor after, int limit) {
        return newest(new StringBuilder("creatorId = :creator"), Parameters.with("creator", creatorId), after, limit);
    }

    private Uni<List<Registered>> newest(StringBuilder query, Parameters parameters, PageCursor after, int limit) {
        if (after != null) {
            query.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            parameters.and("at", after.createdAt()).and("id", after.id());
        }
        query.append(" order by createdAt desc, id desc");
        return drafts.find(query.toString(), parameters).page(0, limit).list()
                .chain(page -> drafts.featuredOf(page.stream().map(d -> d.id).toList()).map(featured -> {
                    Map<UUID, List<DraftLikeness>> byDraft = featured.stream().collect(Collectors.groupingBy(f -> f.draftId));
                    return page.stream().map(d -> new Registered(d, byDraft.getOrDefault(d.id, List.of()), false)).toList();
                }));
    }

    /** Every draft featuring the owner's likeness, whoever made it, newest first. */
    @WithSession
    public Uni<Page> featuring(UUID likenessId, String ownerId, String cursor, int limit) {
        PageCursor after = PageCursor.decode(cursor);
        return likenesses.ownedEver(likenessId, ownerId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("likeness " + likenessId))
                .chain(() -> featuringPage(likenessId, after, limit + 1))
                .map(found -> {
                    List<Registered> page = found.size() > limit ? found.subList(0, limit) : found;
                    return new Page(page, found.size() > limit ? featuredAt(page.get(page.size() - 1), likenessId).encode() : null);
                });
    }

    /**
     * Drafts featuring a likeness, newest first, after a position ({@link #featuredAt}), whatever
     * its status: the owner's list once ownership is checked, and the owner's export.
     */
    @WithSession
    public Uni<List<Registered>> featuringPage(UUID likenessId, PageCursor after, int limit) {
        return drafts.featuringPage(likenessId, after == null ? null : after.createdAt(), after == null ? null : after.id(), limit)
                .chain(rows -> {
                    List<UUID> ids = rows.stream().map(f -> f.draftId).toList();
                    return drafts.list("id in ?1", ids).chain(found -> drafts.featuredOf(ids).map(featured -> {
                        Map<UUID, Draft> byId = found.stream().collect(Collectors.toMap(d -> d.id, Function.identity()));
                        Map<UUID, List<DraftLikeness>> byDraft = featured.stream().collect(Collectors.groupingBy(f -> f.draftId));
                        return ids.stream().map(id -> new Registered(byId.get(id), byDraft.getOrDefault(id, List.of()), false)).toList();
                    }));
                });
    }

    /** Where a draft stands in the list of a likeness it features: the position {@link #featuringPage} continues after. */
    public static PageCursor featuredAt(Registered draft, UUID likenessId) {
        DraftLikeness row = draft.featured().stream().filter(f -> f.likenessId.equals(likenessId)).findFirst().orElseThrow();
        return new PageCursor(row.createdAt, row.draftId);
    }
}
