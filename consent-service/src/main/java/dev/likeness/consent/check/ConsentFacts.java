package dev.likeness.consent.check;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.likeness.consent.follow.FollowService;
import dev.likeness.consent.grant.Grant;
import dev.likeness.consent.likeness.Audience;
import dev.likeness.consent.likeness.Likeness;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Gathers, per likeness, what a decision needs to know of the requester: grants, blocks, mutual follows. */
@ApplicationScoped
public class ConsentFacts {

    /** For a likeness that does not exist: nothing is known. */
    public static final ConsentDecider.Facts NONE = new ConsentDecider.Facts(List.of(), false, false);

    private final FollowService follows;

    ConsentFacts(FollowService follows) {
        this.follows = follows;
    }

    public Uni<Map<UUID, ConsentDecider.Facts>> of(String platformId, String requesterId, Collection<Likeness> likenesses,
                                                   List<Grant> grants) {
        List<UUID> others = likenesses.stream().filter(l -> !l.ownerId.equals(requesterId)).map(l -> l.id).toList();
        Set<String> mutualOwners = likenesses.stream()
                .filter(l -> l.audience == Audience.MUTUALS && !l.ownerId.equals(requesterId))
                .map(l -> l.ownerId).collect(Collectors.toSet());
        Uni<List<UUID>> blocked = others.isEmpty() ? Uni.createFrom().item(List.of())
                : Panache.getSession().chain(session -> session
                .createQuery("select likenessId from Block where likenessId in ?1 and blockedId = ?2", UUID.class)
                .setParameter(1, others).setParameter(2, requesterId).getResultList());
        return blocked.chain(blocks -> (mutualOwners.isEmpty() ? Uni.createFrom().item(Set.<String>of())
                : follows.mutuals(platformId, requesterId, mutualOwners)).map(mutuals -> {
                    Map<UUID, List<Grant>> grantsById = grants.stream().collect(Collectors.groupingBy(g -> g.likenessId));
                    Map<UUID, ConsentDecider.Facts> facts = new HashMap<>();
                    for (Likeness likeness : likenesses) {
                        facts.put(likeness.id, new ConsentDecider.Facts(grantsById.getOrDefault(likeness.id, List.of()),
                                blocks.contains(likeness.id), mutuals.contains(likeness.ownerId)));
                    }
                    return facts;
                }));
    }
}
