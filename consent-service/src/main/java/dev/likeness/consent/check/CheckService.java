package dev.likeness.consent.check;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.likeness.consent.common.Problem;
import dev.likeness.consent.common.ProblemException;
import dev.likeness.consent.grant.Grant;
import dev.likeness.consent.grant.GrantRepository;
import dev.likeness.consent.likeness.Likeness;
import dev.likeness.consent.likeness.LikenessRepository;
import dev.likeness.consent.likeness.LikenessService;
import dev.likeness.consent.token.ConsentTokens;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Answers a platform's check from the primary database, so an answer never predates a change
 * already acknowledged; an allowed answer carries a consent token naming the revisions it saw.
 */
@ApplicationScoped
public class CheckService {

    private final LikenessRepository likenesses;
    private final GrantRepository grants;
    private final ConsentTokens tokens;

    CheckService(LikenessRepository likenesses, GrantRepository grants, ConsentTokens tokens) {
        this.likenesses = likenesses;
        this.grants = grants;
        this.tokens = tokens;
    }

    @WithSession
    public Uni<CheckResponse> check(CheckRequest request, String platformId) {
        List<UUID> ids = request.likenessIds();
        if (new HashSet<>(ids).size() != ids.size()) {
            return Uni.createFrom().failure(new ProblemException(400, "validation-failed", "Request validation failed",
                    "likenessIds: must not repeat", List.of(new Problem.FieldError("likenessIds", "must not repeat"))));
        }
        OffsetDateTime now = LikenessService.now();
        return likenesses.list("id in ?1", ids).chain(found -> grants.forGrantee(ids, request.requesterId()).map(granted -> {
            Map<UUID, Likeness> byId = found.stream().collect(Collectors.toMap(l -> l.id, Function.identity()));
            Map<UUID, List<Grant>> grantsById = granted.stream().collect(Collectors.groupingBy(g -> g.likenessId));
            List<Decision> decisions = ids.stream()
                    .map(id -> ConsentDecider.decide(id, byId.get(id), request.requesterId(), request.purpose(),
                            grantsById.getOrDefault(id, List.of()), now))
                    .toList();
            UUID checkId = UUID.randomUUID();
            if (!decisions.stream().allMatch(Decision::allowed)) {
                return new CheckResponse(checkId, false, decisions, List.of(), null, null);
            }
            Map<UUID, Long> revisions = new LinkedHashMap<>();
            decisions.forEach(decision -> revisions.put(decision.likenessId(), decision.revision()));
            ConsentTokens.Issued token = tokens.issue(checkId, platformId, request.requesterId(), request.purpose(), revisions);
            return new CheckResponse(checkId, true, decisions, List.of(), token.token(), token.expiresAt());
        }));
    }
}
