package dev.likeness.consent.follow;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import dev.likeness.consent.ledger.Ledger;
import dev.likeness.consent.likeness.Audience;
import dev.likeness.consent.likeness.Likeness;
import dev.likeness.consent.likeness.LikenessRepository;
import dev.likeness.kit.http.ProblemException;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The follow graph each platform reports, for the MUTUALS audience. Following widens consent
 * and takes effect at once; unfollowing can narrow it, so it bumps both people's likenesses'
 * revisions, and consent tokens that relied on the mutual follow stop working.
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

    @WithTransaction
    public Uni<Void> unfollow(String platformId, String followerId, String followeeId) {
        return findById(new Follow.Key(platformId, followerId, followeeId)).chain(existing -> existing == null
                ? Uni.createFrom().voidItem()
                : likenesses.find("ownerId in ?1 and status <> ?2 order by id", List.of(followerId, followeeId),
                                Likeness.Status.DELETED).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                        .chain(locked -> delete(existing).chain(() -> narrow(locked, platformId, followerId, followeeId))));
    }

    private Uni<Void> narrow(List<Likeness> locked, String platformId, String followerId, String followeeId) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (Likeness likeness : locked) {
            likeness.narrowed(OffsetDateTime.now(clock));
            if (likeness.audience == Audience.MUTUALS) {
                done = done.chain(() -> ledger.append(likeness, "follow.ended", Ledger.platform(platformId),
                        Ledger.data("followerId", followerId, "followeeId", followeeId, "revision", likeness.revision)));
            }
        }
        return done;
    }

    /** The owners among {@code owners} who follow {@code person} and whom {@code person} follows, on the platform. */
    public Uni<Set<String>> mutuals(String platformId, String person, Collection<String> owners) {
        return list("""
                        platformId = ?1 and ((followerId = ?2 and followeeId in ?3) or (followerId in ?3 and followeeId = ?2))""",
                platformId, person, owners)
                .map(follows -> mutual(person, follows.stream().map(f -> new String[] {f.followerId, f.followeeId}).toList()));
    }

    /** Of {@code follows} (follower, followee pairs) involving {@code person}: those who follow them and whom they follow. */
    public static Set<String> mutual(String person, List<String[]> follows) {
        Set<String> followed = follows.stream().filter(f -> f[0].equals(person)).map(f -> f[1]).collect(Collectors.toSet());
        return follows.stream().filter(f -> f[1].equals(person)).map(f -> f[0]).filter(followed::contains)
                .collect(Collectors.toSet());
    }
}
