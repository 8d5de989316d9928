package dev.likeness.consent.check;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.likeness.consent.likeness.Likeness;
import dev.likeness.consent.token.ConsentTokens;
import dev.likeness.kit.http.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The other half of the decision: a consent token's decision made again when a draft is
 * registered or published, fail-closed. The token's likenesses are locked (the rows every
 * narrowing change also locks), each must still be at the revision the token names, at the
 * unfollow count of the mutual follow it was issued on (if any), and still allow the requester by
 * {@link ConsentDecider}; so a revoke answered before wins and one answered after finds the draft
 * already done.
 */
@ApplicationScoped
public class Redecision {

    /** A likeness the token covers, locked, with the decision made again now, on a grant with a maximum of uses or not. */
    public record Redecided(Likeness likeness, Decision decision, boolean limitedGrant) {
    }

    @Inject CheckReads reads;
    @Inject Clock clock;

    /** The token is for this scene: issued to the draft's creator, covering exactly the likenesses it features. */
    public static void requireScene(ConsentTokens.Verified consent, String creatorId, List<UUID> likenessIds) {
        if (!consent.requesterId().equals(creatorId)) {
            throw ConsentTokens.mismatch("The consent token was issued for another requester");
        }
        Set<UUID> featured = new HashSet<>(likenessIds);
        if (featured.size() != likenessIds.size() || !featured.equals(consent.revisions().keySet())) {
            throw ConsentTokens.mismatch("The draft must feature exactly the likenesses the consent token covers");
        }
    }

    /**
     * Locks the token's likenesses (in id order, as every change does, so no deadlock) and
     * decides again: same revision, still allowed. Every change to a likeness that can narrow
     * consent (a revoke, a block, …) bumps that revision under the same lock; an unfollow on the
     * platform counts one for the pair instead, under it too. Registering also consumes
     * a use of each grant it relies on, in one conditional update, so {@code maxUses} is never
     * exceeded.
     */
    public Uni<List<Redecided>> redecide(SqlClient transaction, ConsentTokens.Verified consent, String platformId,
                                         boolean consumeUses) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<UUID> ids = consent.revisions().keySet().stream().sorted().toList();
        ConsentDecider.Ask ask = new ConsentDecider.Ask(consent.requesterId(), consent.purpose(), consent.contentTags());
        return reads.lockedScene(transaction, platformId, consent.requesterId(), ids).chain(scene -> {
            List<Redecided> checked = new ArrayList<>();
            for (UUID id : ids) {
                Likeness likeness = scene.likenesses().get(id);
                requireRevision(id, likeness, consent.revisions().get(id));
                requireUnfollows(id, consent.unfollows().get(id), scene.unfollows().get(id));
                Decision decision = ConsentDecider.decide(id, likeness, ask, scene.facts().get(id), now);
                if (!decision.allowed()) {
                    throw notAllowed(id, decision.reason().denial());
                }
                checked.add(new Redecided(likeness, decision, scene.facts().get(id).grants().stream()
                        .anyMatch(grant -> grant.id.equals(decision.grantId()) && grant.maxUses != null)));
            }
            List<Redecided> used = consumeUses ? checked.stream().filter(entry -> entry.decision().grantId() != null).toList() : List.of();
            if (used.isEmpty()) {
                return Uni.createFrom().item(checked);
            }
            return transaction.preparedQuery("""
                            UPDATE consent_grant SET uses = uses + 1
                            WHERE id = $1 AND revoked_at IS NULL AND (max_uses IS NULL OR uses < max_uses)""")
                    .executeBatch(used.stream().map(entry -> Tuple.of(entry.decision().grantId())).toList())
                    .map(results -> {
                        RowSet<Row> result = results;
                        for (Redecided entry : used) {
                            if (result.rowCount() == 0) {
                                // another draft took the grant's last use
                                throw notAllowed(entry.likeness().id, DenialReason.NOT_PERMITTED);
                            }
                            result = result.next();
                        }
                        return checked;
                    });
        });
    }

    private static void requireRevision(UUID id, Likeness likeness, long named) {
        if (likeness == null || likeness.revision != named) {
            throw withdrawn(id, "it changed after the check (revision " + named
                    + (likeness == null ? ", now gone" : " → " + likeness.revision) + ")");
        }
    }

    /** Told as a check would tell it: the precise reason is the owner's. */
    private static ProblemException notAllowed(UUID likenessId, DenialReason told) {
        return withdrawn(likenessId, "it no longer allows it (" + told.code() + ")");
    }

    /** A token issued on a mutual follow: the pair still follow each other, and never stopped since. */
    private static void requireUnfollows(UUID id, Long named, Long now) {
        if (named != null && !named.equals(now)) {
            throw withdrawn(id, "the mutual follow it relied on ended on this platform after the check");
        }
    }

    private static ProblemException withdrawn(UUID likenessId, String why) {
        return new ProblemException(409, "consent-withdrawn", "Consent withdrawn",
                "Likeness " + likenessId + " may not be featured: " + why + "; check again");
    }
}
