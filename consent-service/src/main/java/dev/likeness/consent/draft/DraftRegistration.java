package dev.likeness.consent.draft;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.likeness.consent.check.Redecision.Redecided;
import dev.likeness.consent.check.Redecision;
import dev.likeness.consent.check.SceneCache;
import dev.likeness.consent.ledger.Ledger;
import dev.likeness.consent.token.ConsentTokens;
import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * What platforms rendered, registered: the consent token verified, its decision made again
 * ({@link Redecision}) and a use of each limited grant counted, then the draft, its featured
 * likenesses, their events and ledger entries written in one transaction. Registering the same
 * draft again answers what was registered.
 */
@ApplicationScoped
public class DraftRegistration {

    /**
     * What a registration's transaction did: created the draft (counting a use of a grant with a
     * maximum on {@code limitedUses}' likenesses), or found it registered already.
     */
    private record Outcome(Registered created, UUID existing, List<UUID> limitedUses) {
    }

    @Inject DraftRepository drafts;
    @Inject Pool database;
    @Inject ConsentTokens tokens;
    @Inject Redecision redecision;
    @Inject Outbox outbox;
    @Inject Ledger ledger;
    @Inject SceneCache scenes;
    @Inject Clock clock;

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
            Redecision.requireScene(consent, request.creatorId(), request.likenessIds());
            return database.withTransaction(transaction -> registeredBefore(transaction, platformId, request.draftId())
                            .chain(existing -> existing != null
                                    ? Uni.createFrom().item(new Outcome(null, existing, List.of()))
                                    : create(transaction, request, platformId, consent)))
                    .onFailure(DraftRegistration::isDuplicate).recoverWithUni(() -> database.withConnection(connection ->
                            registeredBefore(connection, platformId, request.draftId())).map(existing -> new Outcome(null, existing, List.of())))
                    .invoke(outcome -> outcome.limitedUses().forEach(scenes::forget))
                    .chain(outcome -> outcome.created() != null ? Uni.createFrom().item(outcome.created())
                            : Panache.withSession(() -> drafts.findById(outcome.existing()).chain(existing -> replay(existing, request))));
        });
    }

    private Uni<Outcome> create(SqlClient transaction, DraftRequest request, String platformId, ConsentTokens.Verified consent) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return redecision.redecide(transaction, consent, platformId, true).chain(checked -> {
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
            List<Ledger.Change> changes = new ArrayList<>();
            for (Redecided entry : checked) {
                DraftLikeness row = new DraftLikeness();
                row.draftId = draft.id;
                row.likenessId = entry.likeness().id;
                row.ownerId = entry.likeness().ownerId;
                row.revision = entry.likeness().revision;
                row.createdAt = now;
                featured.add(row);
                events.add(new DraftCreatedEvent(draft.id, draft.externalId, platformId, draft.creatorId, row.likenessId,
                        row.ownerId, draft.purpose, now));
                changes.add(new Ledger.Change(entry.likeness(), "draft.registered", Ledger.platform(platformId),
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
                            ledger.append(transaction, changes))
                    .discardItems().replaceWith(new Outcome(new Registered(draft, featured, true), null,
                            checked.stream().filter(Redecided::limitedGrant).map(entry -> entry.likeness().id).toList()));
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

    private static Uni<UUID> registeredBefore(SqlClient client, String platformId, String externalId) {
        return client.preparedQuery("SELECT id FROM draft WHERE platform_id = $1 AND external_id = $2")
                .execute(Tuple.of(platformId, externalId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("id"));
    }

    /** The same draft registered concurrently: its insert lost the race to the unique key. */
    private static boolean isDuplicate(Throwable failure) {
        return failure instanceof PgException e && "23505".equals(e.getSqlState());
    }
}
