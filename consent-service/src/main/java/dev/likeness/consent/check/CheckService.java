package dev.likeness.consent.check;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.likeness.consent.likeness.ContentTag;
import dev.likeness.consent.likeness.Likeness;
import dev.likeness.consent.likeness.LikenessService;
import dev.likeness.consent.token.ConsentTokens;
import dev.likeness.kit.http.Problem;
import dev.likeness.kit.http.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Answers a platform's check. An answer never predates a change this instance acknowledged, nor
 * an {@code atLeastRevision} asked for; another instance's change reaches it within the delay of a
 * PostgreSQL notification ({@link SceneCache}). An allowed answer carries a consent token naming
 * the revisions it saw, which draft registration re-validates under lock.
 */
@ApplicationScoped
public class CheckService {

    private static final String PROTECTED_PERSON = "protected-person";

    @Inject CheckReads reads;
    @Inject ConsentTokens tokens;
    @Inject LikenessService likenesses;
    @Inject Clock clock;

    /** What bean validation cannot say about a check: 400, before anything else. */
    public static void validate(CheckRequest request) {
        List<UUID> ids = request.likenessIds();
        if (new HashSet<>(ids).size() != ids.size()) {
            throw invalid("likenessIds", "must not repeat");
        }
        if (!ids.containsAll(request.minimumRevisions().keySet())) {
            throw invalid("atLeastRevision", "names a likeness that is not in likenessIds");
        }
    }

    /** The check of a {@linkplain #validate valid} request whose requester is proven ({@link RequesterProof}). */
    public Uni<CheckResponse> check(CheckRequest request, String platformId) {
        List<UUID> ids = request.likenessIds();
        OffsetDateTime now = OffsetDateTime.now(clock);
        ConsentDecider.Ask ask = new ConsentDecider.Ask(request.requesterId(), request.purpose(), tagSet(request.tags()));
        return reads.scene(platformId, request.requesterId(), ids, request.minimumRevisions()).chain(scene -> reads.protectedMatches(request.mentions())
                .map(matches -> {
                    Map<UUID, Likeness> byId = scene.likenesses();
                    List<Decision> decisions = ids.stream()
                            .map(id -> decide(id, byId.get(id), ask, scene.facts().getOrDefault(id, ConsentDecider.Facts.NONE), now,
                                    request.minimumRevisions().get(id)))
                            .toList();
                    Set<String> consentingOwners = decisions.stream().filter(Decision::allowed)
                            .map(d -> byId.get(d.likenessId()).ownerId).collect(Collectors.toSet());
                    List<CheckResponse.Mention> mentions = matches.stream()
                            .map(match -> match.subjectId() != null && consentingOwners.contains(match.subjectId())
                                    ? new CheckResponse.Mention(match.mentioned(), true, null)
                                    : new CheckResponse.Mention(match.mentioned(), false, PROTECTED_PERSON))
                            .distinct().toList();
                    UUID checkId = UUID.randomUUID();
                    boolean allowed = decisions.stream().allMatch(Decision::allowed)
                            && mentions.stream().allMatch(CheckResponse.Mention::allowed);
                    List<PublicDecision> told = decisions.stream().map(PublicDecision::of).toList();
                    if (!allowed) {
                        return new CheckResponse(checkId, false, told, mentions, null, null, null);
                    }
                    List<String> guidelines = ids.stream().map(byId::get)
                            .filter(l -> l.guidelines != null).map(l -> l.guidelines)
                            .collect(Collectors.toCollection(LinkedHashSet::new)).stream().toList();
                    Map<UUID, Long> revisions = new LinkedHashMap<>();
                    decisions.forEach(decision -> revisions.put(decision.likenessId(), decision.revision()));
                    ConsentTokens.Issued token = tokens.issue(checkId, platformId, request.requesterId(), request.purpose(),
                            ask.contentTags(), revisions, scene.unfollows());
                    return new CheckResponse(checkId, true, told, mentions, guidelines, token.token(), token.expiresAt());
                }));
    }

    /**
     * What a check on {@code platformId} (whose follows count for MUTUALS; none without it) would
     * decide for the owner's likeness now, with the precise reason: the same read and decider as a
     * check, nothing issued or consumed. Another person's likeness is 404.
     */
    public Uni<DecisionPreview> preview(UUID likenessId, String ownerId, String platformId, ConsentDecider.Ask ask) {
        return likenesses.owned(likenessId, ownerId)
                .chain(() -> reads.scene(platformId, ask.requesterId(), List.of(likenessId), Map.of()))
                .map(scene -> DecisionPreview.of(ConsentDecider.decide(likenessId, scene.likenesses().get(likenessId), ask,
                        scene.facts().getOrDefault(likenessId, ConsentDecider.Facts.NONE), OffsetDateTime.now(clock))));
    }

    private static Decision decide(UUID id, Likeness likeness, ConsentDecider.Ask ask, ConsentDecider.Facts known,
                                   OffsetDateTime now, Long atLeast) {
        if (likeness != null && atLeast != null && likeness.revision < atLeast) {
            return Decision.deny(id, likeness.revision, Reason.REVISION_NOT_REACHED);
        }
        return ConsentDecider.decide(id, likeness, ask, known, now);
    }

    public static Set<ContentTag> tagSet(List<ContentTag> tags) {
        return tags.isEmpty() ? EnumSet.noneOf(ContentTag.class) : EnumSet.copyOf(tags);
    }

    static ProblemException invalid(String field, String message) {
        return new ProblemException(400, "validation-failed", "Request validation failed", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }
}
