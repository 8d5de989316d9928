package dev.likeness.consent.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.likeness.consent.grant.Grant;
import dev.likeness.consent.likeness.Audience;
import dev.likeness.consent.likeness.Likeness;
import dev.likeness.consent.protect.Names;
import dev.likeness.consent.protect.ProtectedPersons;
import dev.likeness.consent.purpose.PurposesConverter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The reads of a check (and of a draft's registration), straight on the reactive pool rather
 * than through Hibernate: the scene's likenesses with the requester's grants and blocks in one
 * round trip (or from the {@link SceneCache}), then the platform's follows (with the pair's
 * unfollow count) only for a MUTUALS likeness, never cached, and the protected-persons registry
 * only when names are mentioned. Reads go to the primary; a draft's
 * registration always reads under lock, so no token outlives a change acknowledged before it.
 */
@ApplicationScoped
public class CheckReads {

    /**
     * The scene's likenesses that exist, and what is known of the requester for each; for each
     * MUTUALS likeness whose owner and the requester follow each other on the platform, the
     * unfollows of the pair counted there (a token issued on it names the count).
     */
    public record Scene(Map<UUID, Likeness> likenesses, Map<UUID, ConsentDecider.Facts> facts, Map<UUID, Long> unfollows) {
    }

    private static final PurposesConverter PURPOSES = new PurposesConverter();
    private static final String SCENE = """
            SELECT l.id, l.owner_id, l.status, l.audience, l.revision, l.forbidden_tags, l.guidelines, l.ledger_seq, l.ledger_hash,
                   b.likeness_id IS NOT NULL AS blocked,
                   g.id AS grant_id, g.purposes, g.expires_at, g.max_uses, g.uses, g.created_at, g.revoked_at
            FROM likeness l
            LEFT JOIN block b ON b.likeness_id = l.id AND b.blocked_id = $2
            LEFT JOIN consent_grant g ON g.likeness_id = l.id AND g.grantee_id = $2
            WHERE l.id = ANY($1)""";

    @Inject Pool database;
    @Inject SceneCache cache;

    /** For a check: from the cache when it holds every likeness, at the revisions asked for, if any. */
    public Uni<Scene> scene(String platformId, String requesterId, List<UUID> ids, Map<UUID, Long> atLeast) {
        Map<UUID, SceneCache.Known> cached = cache.all(requesterId, ids, atLeast);
        if (cached != null) {
            return withFollows(database, platformId, requesterId, cached);
        }
        long[] generations = cache.generations(ids);
        return read(database, SCENE + " ORDER BY g.created_at DESC", requesterId, ids)
                .invoke(read -> cache.keep(requesterId, ids, generations, read))
                .chain(read -> withFollows(database, platformId, requesterId, read));
    }

    /**
     * The same read inside the caller's transaction, never from the cache, locking the likeness
     * rows in id order (as every change that narrows consent does) until it ends: nothing read can
     * change before then.
     */
    public Uni<Scene> lockedScene(SqlClient transaction, String platformId, String requesterId, List<UUID> ids) {
        return read(transaction, SCENE + " ORDER BY l.id, g.created_at DESC FOR UPDATE OF l", requesterId, ids)
                .chain(read -> withFollows(transaction, platformId, requesterId, read));
    }

    private static Uni<Map<UUID, SceneCache.Known>> read(SqlClient client, String query, String requesterId, List<UUID> ids) {
        return client.preparedQuery(query)
                .execute(Tuple.of(ids.toArray(UUID[]::new), requesterId))
                .map(rows -> {
                    Map<UUID, Likeness> likenesses = new LinkedHashMap<>();
                    Map<UUID, List<Grant>> grants = new HashMap<>();
                    Map<UUID, Boolean> blocked = new HashMap<>();
                    for (Row row : rows) {
                        UUID id = row.getUUID("id");
                        likenesses.computeIfAbsent(id, ignored -> likeness(row));
                        blocked.put(id, row.getBoolean("blocked"));
                        List<Grant> own = grants.computeIfAbsent(id, ignored -> new ArrayList<>());
                        if (row.getUUID("grant_id") != null) {
                            own.add(grant(row, id, requesterId));
                        }
                    }
                    Map<UUID, SceneCache.Known> read = new LinkedHashMap<>();
                    likenesses.forEach((id, likeness) -> read.put(id,
                            new SceneCache.Known(likeness, List.copyOf(grants.get(id)), blocked.get(id))));
                    return read;
                });
    }

    /** Adds the follows, only for a MUTUALS likeness of somebody else. */
    private static Uni<Scene> withFollows(SqlClient client, String platformId, String requesterId, Map<UUID, SceneCache.Known> read) {
        List<String> mutualOwners = read.values().stream().map(SceneCache.Known::likeness)
                .filter(l -> l.audience == Audience.MUTUALS && !l.ownerId.equals(requesterId))
                .map(l -> l.ownerId).distinct().toList();
        return mutuals(client, platformId, requesterId, mutualOwners).map(mutuals -> {
            Map<UUID, Likeness> likenesses = new LinkedHashMap<>();
            Map<UUID, ConsentDecider.Facts> facts = new HashMap<>();
            Map<UUID, Long> unfollows = new HashMap<>();
            read.forEach((id, known) -> {
                Likeness likeness = known.likeness();
                Long pairUnfollows = likeness.audience == Audience.MUTUALS ? mutuals.get(likeness.ownerId) : null;
                likenesses.put(id, likeness);
                facts.put(id, new ConsentDecider.Facts(known.grants(), known.blocked(), pairUnfollows != null));
                if (pairUnfollows != null) {
                    unfollows.put(id, pairUnfollows);
                }
            });
            return new Scene(likenesses, facts, unfollows);
        });
    }

    /** The mentioned names that are a protected person's name or alias. */
    public Uni<List<ProtectedPersons.Match>> protectedMatches(List<String> mentioned) {
        if (mentioned.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return database.preparedQuery("""
                        SELECT n.normalized, p.subject_id FROM protected_name n
                        JOIN protected_person p ON p.id = n.protected_person_id
                        WHERE n.normalized = ANY($1)""")
                .execute(Tuple.of(mentioned.stream().map(Names::normalize).toArray(String[]::new)))
                .map(rows -> {
                    List<ProtectedPersons.Match> matches = new ArrayList<>();
                    for (String name : mentioned) {
                        String key = Names.normalize(name);
                        for (Row row : rows) {
                            if (row.getString("normalized").equals(key)) {
                                matches.add(new ProtectedPersons.Match(name, row.getString("subject_id")));
                            }
                        }
                    }
                    return matches;
                });
    }

    /**
     * The owners among {@code owners} who follow {@code person} and whom {@code person} follows on
     * the platform, each with the unfollows of the pair counted there.
     */
    private static Uni<Map<String, Long>> mutuals(SqlClient client, String platformId, String person, Collection<String> owners) {
        if (owners.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        // an owner in two rows (the key allows one per direction) follows and is followed
        return client.preparedQuery("""
                        SELECT m.owner_id, coalesce(u.unfollows, 0) AS unfollows
                        FROM (SELECT CASE WHEN follower_id = $2 THEN followee_id ELSE follower_id END AS owner_id
                              FROM follow WHERE platform_id = $1
                                AND ((follower_id = $2 AND followee_id = ANY($3)) OR (follower_id = ANY($3) AND followee_id = $2))
                              GROUP BY 1 HAVING count(*) = 2) AS m
                        LEFT JOIN pair_unfollows u
                            ON u.platform_id = $1 AND u.person_a = least(m.owner_id, $2) AND u.person_b = greatest(m.owner_id, $2)""")
                .execute(Tuple.of(platformId, person, owners.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Long> mutuals = new HashMap<>();
                    rows.forEach(row -> mutuals.put(row.getString("owner_id"), row.getLong("unfollows")));
                    return mutuals;
                });
    }

    private static Likeness likeness(Row row) {
        Likeness likeness = new Likeness();
        likeness.id = row.getUUID("id");
        likeness.ownerId = row.getString("owner_id");
        likeness.status = Likeness.Status.valueOf(row.getString("status"));
        likeness.audience = Audience.valueOf(row.getString("audience"));
        likeness.revision = row.getLong("revision");
        likeness.forbiddenTags = row.getArrayOfStrings("forbidden_tags");
        likeness.guidelines = row.getString("guidelines");
        likeness.ledgerSeq = row.getLong("ledger_seq");
        likeness.ledgerHash = row.getString("ledger_hash");
        return likeness;
    }

    private static Grant grant(Row row, UUID likenessId, String granteeId) {
        Grant grant = new Grant();
        grant.id = row.getUUID("grant_id");
        grant.likenessId = likenessId;
        grant.granteeId = granteeId;
        grant.purposes = PURPOSES.convertToEntityAttribute(row.getString("purposes"));
        grant.expiresAt = row.getOffsetDateTime("expires_at");
        grant.maxUses = row.getInteger("max_uses");
        grant.uses = row.getInteger("uses");
        grant.createdAt = row.getOffsetDateTime("created_at");
        grant.revokedAt = row.getOffsetDateTime("revoked_at");
        return grant;
    }
}
