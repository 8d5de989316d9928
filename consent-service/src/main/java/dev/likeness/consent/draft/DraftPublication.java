package dev.likeness.consent.draft;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.likeness.consent.check.Redecision.Redecided;
import dev.likeness.consent.check.Redecision;
import dev.likeness.consent.ledger.Ledger;
import dev.likeness.consent.purpose.Purpose;
import dev.likeness.consent.token.ConsentTokens;
import dev.likeness.kit.http.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** A registered draft published: its decision made again for purpose {@code publish}, fail-closed. */
@ApplicationScoped
public class DraftPublication {

    @Inject DraftRepository drafts;
    @Inject Pool database;
    @Inject ConsentTokens tokens;
    @Inject Redecision redecision;
    @Inject Ledger ledger;
    @Inject Clock clock;

    /**
     * The publish-time re-check: a consent token for {@code publish}, from a check made for the
     * draft's creator and likenesses, re-validated like at registration.
     */
    public Uni<Registered> publish(UUID draftId, String consentToken, String platformId) {
        return Panache.withSession(() -> drafts.ofPlatform(draftId, platformId).chain(draft -> drafts.featured(draftId)
                .map(featured -> new Registered(draft, featured, false)))).chain(draft -> {
            requirePublishable(draft.draft());
            return tokens.verify(consentToken, platformId).chain(consent -> {
                if (consent.purpose() != Purpose.PUBLISH) {
                    throw ConsentTokens.mismatch("Publishing needs a consent token checked for purpose publish");
                }
                Redecision.requireScene(consent, draft.draft().creatorId, draft.featured().stream().map(f -> f.likenessId).toList());
                if (draft.draft().status == Draft.Status.PUBLISHED) {
                    return Uni.createFrom().item(draft); // published before: the same answer, but never for a token that does not verify
                }
                return database.withTransaction(transaction -> redecision.redecide(transaction, consent, platformId, false)
                        .chain(checked -> published(transaction, draft.draft(), checked, consent, platformId)))
                        .replaceWith(draft);
            });
        });
    }

    /** Publishes unless the draft's status changed meanwhile; then says why, or that it is already published. */
    private Uni<Void> published(SqlClient transaction, Draft draft, List<Redecided> checked, ConsentTokens.Verified consent,
                                String platformId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
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
                    return ledger.append(transaction, checked.stream().map(entry -> new Ledger.Change(entry.likeness(), "draft.published",
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
}
