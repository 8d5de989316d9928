package dev.likeness.consent.draft;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.likeness.consent.check.ConsentDecider;
import dev.likeness.consent.check.Decision;
import dev.likeness.consent.common.ProblemException;
import dev.likeness.consent.grant.Grant;
import dev.likeness.consent.grant.GrantRepository;
import dev.likeness.consent.likeness.Likeness;
import dev.likeness.consent.likeness.LikenessRepository;
import dev.likeness.consent.likeness.LikenessService;
import dev.likeness.consent.outbox.Outbox;
import dev.likeness.consent.token.ConsentTokens;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Registers what a platform rendered. The consent token must verify, and every likeness must
 * still be at the revision the token names and still allow the creator: registration locks the
 * likeness rows that every narrowing change also locks, so a revoke answered before wins and one
 * answered after finds the draft already registered. It fails closed.
 */
@ApplicationScoped
public class DraftService {

    public record Registered(Draft draft, List<DraftLikeness> featured, boolean created) {
    }

    private final DraftRepository drafts;
    private final LikenessRepository likenesses;
    private final GrantRepository grants;
    private final ConsentTokens tokens;
    private final Outbox outbox;

    DraftService(DraftRepository drafts, LikenessRepository likenesses, GrantRepository grants, ConsentTokens tokens,
                 Outbox outbox) {
        this.drafts = drafts;
        this.likenesses = likenesses;
        this.grants = grants;
        this.tokens = tokens;
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<Registered> register(DraftRequest request, String platformId) {
        return tokens.verify(request.consentToken(), platformId).chain(consent -> {
            if (!consent.requesterId().equals(request.creatorId())) {
                throw ConsentTokens.mismatch("The consent token was issued for another requester");
            }
            Set<UUID> featured = new HashSet<>(request.likenessIds());
            if (featured.size() != request.likenessIds().size() || !featured.equals(consent.revisions().keySet())) {
                throw ConsentTokens.mismatch("The draft must feature exactly the likenesses the consent token covers");
            }
            return drafts.byPlatform(platformId, request.draftId()).chain(existing -> existing != null
                    ? replay(existing, request)
                    : create(request, platformId, consent));
        });
    }

    @WithSession
    public Uni<Registered> get(UUID id, String platformId) {
        return drafts.findById(id).chain(draft -> {
            if (draft == null || !draft.platformId.equals(platformId)) {
                return Uni.createFrom().failure(ProblemException.notFound("draft " + id));
            }
            return drafts.featured(id).map(featured -> new Registered(draft, featured, false));
        });
    }

    private Uni<Registered> replay(Draft existing, DraftRequest request) {
        return drafts.featured(existing.id).map(featured -> {
            Set<UUID> registered = featured.stream().map(f -> f.likenessId).collect(Collectors.toSet());
            if (!existing.creatorId.equals(request.creatorId()) || !registered.equals(new HashSet<>(request.likenessIds()))) {
                throw new ProblemException(409, "draft-exists", "Draft exists",
                        "This platform already registered draft " + request.draftId() + " with other content");
            }
            return new Registered(existing, featured, false);
        });
    }

    private Uni<Registered> create(DraftRequest request, String platformId, ConsentTokens.Verified consent) {
        OffsetDateTime now = LikenessService.now();
        List<UUID> ids = consent.revisions().keySet().stream().sorted().toList();
        return likenesses.find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_READ).list()
                .chain(locked -> grants.inForceForUpdate(ids, request.creatorId()).chain(inForce -> {
                    Map<UUID, Likeness> byId = locked.stream().collect(Collectors.toMap(l -> l.id, Function.identity()));
                    Map<UUID, List<Grant>> grantsById = inForce.stream().collect(Collectors.groupingBy(g -> g.likenessId));
                    Draft draft = new Draft();
                    draft.id = UUID.randomUUID();
                    draft.platformId = platformId;
                    draft.externalId = request.draftId();
                    draft.creatorId = request.creatorId();
                    draft.purpose = consent.purpose();
                    draft.checkId = consent.checkId();
                    draft.status = Draft.Status.REGISTERED;
                    draft.createdAt = now;
                    List<DraftLikeness> featured = new ArrayList<>();
                    for (UUID id : ids) {
                        Likeness likeness = byId.get(id);
                        long named = consent.revisions().get(id);
                        if (likeness == null || likeness.revision != named) {
                            throw withdrawn(id, "it changed after the check (revision " + named
                                    + (likeness == null ? ", now gone" : " → " + likeness.revision) + ")");
                        }
                        Decision decision = ConsentDecider.decide(id, likeness, request.creatorId(), consent.purpose(),
                                grantsById.getOrDefault(id, List.of()), now);
                        if (!decision.allowed()) {
                            throw withdrawn(id, "it no longer allows it (" + decision.reason().code() + ")");
                        }
                        grantsById.getOrDefault(id, List.of()).stream()
                                .filter(grant -> grant.id.equals(decision.grantId()))
                                .forEach(grant -> grant.uses++);
                        DraftLikeness entry = new DraftLikeness();
                        entry.draftId = draft.id;
                        entry.likenessId = id;
                        entry.ownerId = likeness.ownerId;
                        entry.revision = likeness.revision;
                        featured.add(entry);
                    }
                    Uni<Void> stored = drafts.persist(draft).replaceWithVoid();
                    for (DraftLikeness entry : featured) {
                        stored = stored.chain(() -> drafts.getSession().chain(session -> session.persist(entry)))
                                .chain(() -> outbox.append(new DraftCreatedEvent(draft.id, draft.externalId, platformId,
                                        draft.creatorId, entry.likenessId, entry.ownerId, draft.purpose, now)));
                    }
                    return stored.replaceWith(new Registered(draft, featured, true));
                }));
    }

    private static ProblemException withdrawn(UUID likenessId, String why) {
        return new ProblemException(409, "consent-withdrawn", "Consent withdrawn",
                "Likeness " + likenessId + " may not be featured: " + why + "; check again");
    }
}
