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

import dev.likeness.consent.check.CheckReads;
import dev.likeness.consent.check.ConsentDecider;
import dev.likeness.consent.check.SceneCache;
import dev.likeness.consent.check.Decision;
import dev.likeness.consent.common.PageCursor;
import dev.likeness.consent.common.ProblemException;
import dev.likeness.consent.grant.Purpose;
import dev.likeness.consent.ledger.Ledger;
import dev.likeness.consent.ledger.LedgerEntry;
import dev.likeness.consent.likeness.Likeness;
import dev.likeness.consent.likeness.LikenessRepository;
import dev.likeness.consent.likeness.LikenessService;
import dev.likeness.consent.outbox.Outbox;
import dev.likeness.consent.token.ConsentTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * What platforms rendered, and its life after. Registering and publishing re-validate the
 * consent token: every likeness must still be at the revision the token names and still allow
 * the creator. Both lock the likeness rows that every narrowing change also locks, so a revoke
 * answered before wins and one answered after finds the draft already registered. It fails closed.
 */
@ApplicationScoped
public class DraftService {

    public record Registered(Draft draft, List<DraftLikeness> featured, boolean created) {
    }

    public record Page(List<Registered> drafts, String nextCursor) {
    }

    /**
     * What a registration's transaction did: created the draft (counting a use of a grant with a
     * maximum on {@code limitedUses}' likenesses), or found it registered already.
     */
    private record Outcome(Registered created, UUID existing, List<UUID> limitedUses) {
    }

    /** A likeness the token covers, locked, with the decision made again now, on a grant with a maximum of uses or not. */
    private record Revalidated(Likeness likeness, Decision decision, boolean limitedGrant) {
    }

    private final DraftRepository drafts;
    private final LikenessRepository likenesses;
    private final CheckReads reads;
    private final Pool database;
    private final ConsentTokens tokens;
    private final Outbox outbox;
    private final Ledger ledger;
    private final SceneCache scenes;

    DraftService(DraftRepository drafts, LikenessRepository likenesses, CheckReads reads, Pool database, ConsentTokens tokens,
                 Outbox outbox, Ledger ledger, SceneCache scenes) {
        this.drafts = drafts;
        this.likenesses = likenesses;
        this.reads = reads;
        this.database = database;
        this.tokens = tokens;
        this.outbox = outbox;
        this.ledger = ledger;
        this.scenes = scenes;
    }

    /**
     * The token is verified before the transaction (an ECDSA verification needs no connection),
     * so a connection and the likeness locks are held only for the database work: the work is
     * plain statements on the reactive pool, the reads in one round trip and the writes
     * pipelined in another, so a likeness stays locked for as short as possible. A use counted
     * on a grant with a maximum changes later checks' answers: this instance's cache forgets those
     * likenesses once it is committed, before the answer leaves.
     */
    public Uni<Registered> register(DraftRequest request, String platformId) {
        return tokens.verify(request.consentToken(), platformId).chain(consent -> {
            requireScene(consent, request.creatorId(), request.likenessIds());
            return database.withTransaction(transaction -> registeredBefore(transaction, platformId, request.draftId())
                            .chain(existing -> existing != null
                                    ? Uni.createFrom().item(new Outcome(null, existing, List.of()))
                                    : create(transaction, request, platformId, consent)))
                    .onFailure(DraftService::isDuplicate).recoverWithUni(() -> database.withConnection(connection ->
                            registeredBefore(connection, platformId, request.draftId())).map(existing -> new Outcome(null, existing, List.of())))
                    .invoke(outcome -> outcome.limitedUses().forEach(scenes::forget))
                    .chain(outcome -> outcome.created() != null ? Uni.createFrom().item(outcome.created())
                            : Panache.withSession(() -> drafts.findById(outcome.existing()).chain(existing -> replay(existing, request))));
        });
    }

    @WithSession
    public Uni<Registered> get(UUID id, String platformId) {
        return ofPlatform(id, platformId).chain(draft -> drafts.featured(id).map(featured -> new Registered(draft, featured, false)));
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

    /** A featured owner asks the platform to remove the draft; asking again changes nothing. */
    @WithTransaction
    public Uni<Registered> requestRemoval(UUID likenessId, UUID draftId, String ownerId, String reason) {
        OffsetDateTime now = LikenessService.now();
        return likenesses.ownedForUpdate(likenessId, ownerId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("likeness " + likenessId))
                .chain(likeness -> drafts.featured(draftId).chain(featured -> {
                    DraftLikeness mine = featured.stream().filter(f -> f.likenessId.equals(likenessId)).findFirst()
                            .orElseThrow(() -> ProblemException.notFound("draft " + draftId));
                    return drafts.findById(draftId).chain(draft -> {
                        Registered result = new Registered(draft, featured, false);
                        if (mine.removalRequestedAt != null || draft.status == Draft.Status.REMOVED) {
                            return Uni.createFrom().item(result);
                        }
                        mine.removalRequestedAt = now;
                        mine.removalReason = reason == null || reason.isBlank() ? null : reason.strip();
                        draft.status = Draft.Status.REMOVAL_REQUESTED;
                        return outbox.append(new DraftRemovalRequestedEvent(draft.id, draft.externalId, draft.platformId,
                                        draft.creatorId, likenessId, ownerId, mine.removalReason, now))
                                .chain(() -> ledger.append(likeness, "draft.removal-requested", ownerId,
                                        Ledger.data("draftId", draft.id, "reason", mine.removalReason)))
                                .replaceWith(result);
                    });
                }));
    }

    /** The platform took the draft down; recorded in every featured likeness' ledger. */
    @WithTransaction
    public Uni<Registered> markRemoved(UUID draftId, String platformId) {
        return ofPlatform(draftId, platformId).chain(draft -> drafts.featured(draftId).chain(featured -> {
            Registered result = new Registered(draft, featured, false);
            if (draft.status == Draft.Status.REMOVED) {
                return Uni.createFrom().item(result);
            }
            draft.status = Draft.Status.REMOVED;
            draft.removedAt = LikenessService.now();
            return appendToAll(featured.stream().map(f -> f.likenessId).toList(), "draft.removed", platformId,
                    Ledger.data("draftId", draft.id)).replaceWith(result);
        }));
    }

    /**
     * The publish-time re-check: a consent token for {@code publish}, from a check made for the
     * draft's creator and likenesses, re-validated like at registration.
     */
    public Uni<Registered> publish(UUID draftId, String consentToken, String platformId) {
        return Panache.withSession(() -> ofPlatform(draftId, platformId).chain(draft -> drafts.featured(draftId)
                .map(featured -> new Registered(draft, featured, false)))).chain(draft -> {
            requirePublishable(draft.draft());
            return tokens.verify(consentToken, platformId).chain(consent -> {
                if (consent.purpose() != Purpose.PUBLISH) {
                    throw ConsentTokens.mismatch("Publishing needs a consent token checked for purpose publish");
                }
                requireScene(consent, draft.draft().creatorId, draft.featured().stream().map(f -> f.likenessId).toList());
                if (draft.draft().status == Draft.Status.PUBLISHED) {
                    return Uni.createFrom().item(draft); // published before: the same answer, but never for a token that does not verify
                }
                return database.withTransaction(transaction -> revalidate(transaction, consent, platformId, false)
                        .chain(checked -> published(transaction, draft.draft(), checked, consent, platformId)))
                        .replaceWith(draft);
            });
        });
    }

    /** Publishes unless the draft's status changed meanwhile; then says why, or that it is already published. */
    private Uni<Void> published(SqlClient transaction, Draft draft, List<Revalidated> checked, ConsentTokens.Verified consent,
                                String platformId) {
        OffsetDateTime now = LikenessService.now();
        return transaction.preparedQuery("""
                        UPDATE draft SET status = 'PUBLISHED', published_at = $2 WHERE id = $1 AND status = 'REGISTERED'
                        RETURNING id""").execute(Tuple.of(draft.id, now))
                .chain(updated -> {
                    if (updated.rowCount() == 0) {
                        return transaction.preparedQuery("SELECT status FROM draft WHERE id = $1").execute(Tuple.of(draft.id))
                                .invoke(rows -> {
                                    draft.status = Draft.Status.valueOf(rows.iterator().next().getString("status"));
                                    requirePublishable(draft);
                                }).replaceWithVoid();
                    }
                    draft.status = Draft.Status.PUBLISHED;
                    draft.publishedAt = now;
                    return Ledger.store(transaction, checked.stream().map(entry -> ledger.next(entry.likeness(), "draft.published",
                            Ledger.platform(platformId), Ledger.data("draftId", draft.id, "checkId", consent.checkId(),
                                    "revision", entry.likeness().revision))).toList());
                });
    }

    private static void requirePublishable(Draft draft) {
        if (draft.status != Draft.Status.REGISTERED && draft.status != Draft.Status.PUBLISHED) {
            throw new ProblemException(409, "draft-removal", "Draft being removed",
                    "Draft " + draft.id + " is " + draft.status + " and may not be published");
        }
    }

    private static void requireScene(ConsentTokens.Verified consent, String creatorId, List<UUID> likenessIds) {
        if (!consent.requesterId().equals(creatorId)) {
            throw ConsentTokens.mismatch("The consent token was issued for another requester");
        }
        Set<UUID> featured = new HashSet<>(likenessIds);
        if (featured.size() != likenessIds.size() || !featured.equals(consent.revisions().keySet())) {
            throw ConsentTokens.mismatch("The draft must feature exactly the likenesses the consent token covers");
        }
    }

    private Uni<Draft> ofPlatform(UUID id, String platformId) {
        return drafts.findById(id).map(draft -> {
            if (draft == null || !draft.platformId.equals(platformId)) {
                throw ProblemException.notFound("draft " + id);
            }
            return draft;
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

    /**
     * Locks the token's likenesses (in id order, as every change does, so no deadlock) and
     * decides again: same revision, still allowed. Every change that can narrow consent (a revoke,
     * a block, an unfollow, …) bumps that revision under the same lock. Registering also consumes
     * a use of each grant it relies on, in one conditional update, so {@code maxUses} is never
     * exceeded.
     */
    private Uni<List<Revalidated>> revalidate(SqlClient transaction, ConsentTokens.Verified consent, String platformId,
                                              boolean consumeUses) {
        OffsetDateTime now = LikenessService.now();
        List<UUID> ids = consent.revisions().keySet().stream().sorted().toList();
        ConsentDecider.Ask ask = new ConsentDecider.Ask(consent.requesterId(), consent.purpose(), consent.contentTags());
        return reads.lockedScene(transaction, platformId, consent.requesterId(), ids).chain(scene -> {
            List<Revalidated> checked = new ArrayList<>();
            for (UUID id : ids) {
                Likeness likeness = scene.likenesses().get(id);
                requireRevision(id, likeness, consent.revisions().get(id));
                Decision decision = ConsentDecider.decide(id, likeness, ask, scene.facts().get(id), now);
                if (!decision.allowed()) {
                    throw withdrawn(id, "it no longer allows it (" + decision.reason().code() + ")");
                }
                checked.add(new Revalidated(likeness, decision, scene.facts().get(id).grants().stream()
                        .anyMatch(grant -> grant.id.equals(decision.grantId()) && grant.maxUses != null)));
            }
            List<Revalidated> used = consumeUses ? checked.stream().filter(entry -> entry.decision().grantId() != null).toList() : List.of();
            if (used.isEmpty()) {
                return Uni.createFrom().item(checked);
            }
            return transaction.preparedQuery("""
                            UPDATE consent_grant SET uses = uses + 1
                            WHERE id = $1 AND revoked_at IS NULL AND (max_uses IS NULL OR uses < max_uses)""")
                    .executeBatch(used.stream().map(entry -> Tuple.of(entry.decision().grantId())).toList())
                    .map(results -> {
                        RowSet<Row> result = results;
                        for (Revalidated entry : used) {
                            if (result.rowCount() == 0) {
                                throw withdrawn(entry.likeness().id, "its grant has no use left");
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

    private Uni<Outcome> create(SqlClient transaction, DraftRequest request, String platformId, ConsentTokens.Verified consent) {
        OffsetDateTime now = LikenessService.now();
        return revalidate(transaction, consent, platformId, true).chain(checked -> {
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
            List<DraftCreatedEvent> events = new ArrayList<>();
            List<LedgerEntry> entries = new ArrayList<>();
            for (Revalidated entry : checked) {
                DraftLikeness row = new DraftLikeness();
                row.draftId = draft.id;
                row.likenessId = entry.likeness().id;
                row.ownerId = entry.likeness().ownerId;
                row.revision = entry.likeness().revision;
                row.createdAt = now;
                featured.add(row);
                events.add(new DraftCreatedEvent(draft.id, draft.externalId, platformId, draft.creatorId, row.likenessId,
                        row.ownerId, draft.purpose, now));
                entries.add(ledger.next(entry.likeness(), "draft.registered", Ledger.platform(platformId),
                        Ledger.data("draftId", draft.id, "platformDraftId", draft.externalId, "creatorId", draft.creatorId,
                                "purpose", draft.purpose, "checkId", draft.checkId, "grantId", entry.decision().grantId(),
                                "revision", row.revision)));
            }
            // Sent together: the connection pipelines them, in this order.
            Uni<RowSet<Row>> draftStored = transaction.preparedQuery("""
                            INSERT INTO draft (id, platform_id, external_id, creator_id, purpose, check_id, status, created_at)
                            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
                    .execute(Tuple.from(new Object[] {draft.id, platformId, draft.externalId, draft.creatorId, draft.purpose.name(),
                            draft.checkId, draft.status.name(), now}));
            Uni<RowSet<Row>> featuredStored = transaction.preparedQuery("""
                            INSERT INTO draft_likeness (draft_id, likeness_id, owner_id, revision, created_at) VALUES ($1, $2, $3, $4, $5)""")
                    .executeBatch(featured.stream().map(row -> Tuple.of(row.draftId, row.likenessId, row.ownerId, row.revision, now))
                            .toList());
            return Uni.combine().all().unis(draftStored, featuredStored, outbox.append(transaction, events),
                            Ledger.store(transaction, entries))
                    .discardItems().replaceWith(new Outcome(new Registered(draft, featured, true), null,
                            checked.stream().filter(Revalidated::limitedGrant).map(entry -> entry.likeness().id).toList()));
        });
    }

    private static Uni<UUID> registeredBefore(SqlClient client, String platformId, String externalId) {
        return client.preparedQuery("SELECT id FROM draft WHERE platform_id = $1 AND external_id = $2")
                .execute(Tuple.of(platformId, externalId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("id"));
    }

    /** The same draft registered concurrently: its insert lost the race to the unique key. */
    private static boolean isDuplicate(Throwable failure) {
        return failure instanceof PgException e && "23505".equals(e.getSqlState());
    }

    private Uni<Void> appendToAll(List<UUID> likenessIds, String type, String platformId, Map<String, Object> data) {
        return likenesses.find("id in ?1 order by id", likenessIds).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .chain(locked -> {
                    Uni<Void> done = Uni.createFrom().voidItem();
                    for (Likeness likeness : locked) {
                        done = done.chain(() -> ledger.append(likeness, type, Ledger.platform(platformId), data));
                    }
                    return done;
                });
    }

    private static ProblemException withdrawn(UUID likenessId, String why) {
        return new ProblemException(409, "consent-withdrawn", "Consent withdrawn",
                "Likeness " + likenessId + " may not be featured: " + why + "; check again");
    }
}
