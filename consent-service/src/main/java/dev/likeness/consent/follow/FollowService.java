package dev.likeness.consent.follow;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import dev.likeness.consent.ledger.Ledger;
import dev.likeness.consent.likeness.Audience;
import dev.likeness.consent.likeness.Likeness;
import dev.likeness.consent.likeness.LikenessRepository;
import dev.likeness.kit.http.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The follow graph each platform reports, for the MUTUALS audience on that platform's checks.
 * Following widens consent and takes effect at once. Unfollowing can narrow it: it counts an
 * unfollow of the pair on that platform ({@code pair_unfollows}), which the platform's consent
 * tokens issued on their mutual follow name, so those stop working; the likenesses' revisions,
 * and so other platforms' tokens, stay as they are.
 */
@ApplicationScoped
public class FollowService implements PanacheRepositoryBase<Follow, Follow.Key> {

    @Inject LikenessRepository likenesses;
    @Inject Ledger ledger;
    @Inject Clock clock;

    @WithTransaction
    public Uni<Void> follow(String platformId, String followerId, String followeeId) {
        if (followerId.equals(followeeId)) {
            return Uni.createFrom().failure(new ProblemException(422, "self-follow", "Following oneself",
                    "A person cannot follow themselves"));
        }
        return findById(new Follow.Key(platformId, followerId, followeeId)).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            Follow follow = new Follow();
            follow.platformId = platformId;
            follow.followerId = followerId;
            follow.followeeId = followeeId;
            follow.createdAt = OffsetDateTime.now(clock);
            return persist(follow).replaceWithVoid();
        });
    }

    /**
     * Under the locks of both people's likenesses (those a registration takes too), so a token's
     * registration sees the follow and its count either both before or both after.
     */
    @WithTransaction
    public Uni<Void> unfollow(String platformId, String followerId, String followeeId) {
        return findById(new Follow.Key(platformId, followerId, followeeId)).chain(existing -> existing == null
                ? Uni.createFrom().voidItem()
                : likenesses.find("ownerId in ?1 and status <> ?2 order by id", List.of(followerId, followeeId),
                                Likeness.Status.DELETED).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                        .chain(locked -> delete(existing)
                                .chain(() -> findById(new Follow.Key(platformId, followeeId, followerId)))
                                .chain(reverse -> ended(locked.stream().filter(l -> l.audience == Audience.MUTUALS).toList(),
                                        reverse != null, platformId, followerId, followeeId))));
    }

    /**
     * {@code narrowable}: the locked likenesses whose audience is MUTUALS. The unfollow is counted
     * even when the two were not mutuals, as a follow reported concurrently may have made them so
     * unseen; the count is the pair's, so only the tokens of the two on each other's likenesses
     * stop working. The owners hear of it only when a mutual follow ended.
     */
    private Uni<Void> ended(List<Likeness> narrowable, boolean wereMutuals, String platformId, String followerId,
                            String followeeId) {
        if (narrowable.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> done = Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO pair_unfollows (platform_id, person_a, person_b, unfollows)
                        SELECT ?1, least(pair.x, pair.y), greatest(pair.x, pair.y), 1 FROM (VALUES (?2, ?3)) AS pair (x, y)
                        ON CONFLICT (platform_id, person_a, person_b) DO UPDATE SET unfollows = pair_unfollows.unfollows + 1""")
                .setParameter(1, platformId)
                .setParameter(2, followerId)
                .setParameter(3, followeeId)
                .executeUpdate()).replaceWithVoid();
        if (!wereMutuals) {
            return done;
        }
        for (Likeness likeness : narrowable) {
            done = done.chain(() -> ledger.append(likeness, "follow.ended", Ledger.platform(platformId),
                    Ledger.data("followerId", followerId, "followeeId", followeeId)));
        }
        return done;
    }
}
