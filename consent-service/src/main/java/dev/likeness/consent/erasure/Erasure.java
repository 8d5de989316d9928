package dev.likeness.consent.erasure;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import dev.likeness.consent.access.AccessRequestService;
import dev.likeness.consent.grant.GrantService;
import dev.likeness.consent.ledger.Ledger;
import dev.likeness.consent.ledger.Persons;
import dev.likeness.consent.likeness.Likeness;
import dev.likeness.consent.likeness.LikenessDeleted;
import dev.likeness.consent.likeness.LikenessRepository;
import dev.likeness.consent.likeness.LikenessService;
import dev.likeness.kit.erasure.ErasedPersons;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Erases a person from this service, in the transaction of identity-service's
 * {@code person.erased}. Their likenesses are deleted as a deletion would (grants revoked, open
 * requests withdrawn, every draft featuring them asked to be removed by {@code draft.RemovalSweep}),
 * the grants they hold are revoked and the requests they have open withdrawn; then what stays for
 * accountability (grants, requests, drafts, the likenesses) names them as {@link Ledger#ERASED}
 * with no free text, what only served them (blocks, follows) is deleted, a protected-persons entry
 * no longer points at their account, and the ledger forgets their pseudonym and key. Applying it
 * again finds nothing left to change.
 */
@ApplicationScoped
public class Erasure {

    /** Rows that name the person, and what becomes of them; {@code ?1} is the person's id. */
    private static final List<String> ERASING = List.of(
            "UPDATE consent_grant SET grantee_id = 'erased' WHERE grantee_id = ?1",
            "UPDATE access_request SET requester_id = 'erased', message = NULL WHERE requester_id = ?1",
            "UPDATE access_request SET message = NULL WHERE likeness_id IN (SELECT id FROM likeness WHERE owner_id = ?1)",
            "DELETE FROM block WHERE blocked_id = ?1 OR likeness_id IN (SELECT id FROM likeness WHERE owner_id = ?1)",
            "DELETE FROM follow WHERE follower_id = ?1 OR followee_id = ?1",
            "DELETE FROM pair_unfollows WHERE person_a = ?1 OR person_b = ?1",
            "UPDATE draft SET creator_id = 'erased' WHERE creator_id = ?1",
            "UPDATE draft_likeness SET owner_id = 'erased' WHERE owner_id = ?1",
            "UPDATE protected_person SET subject_id = NULL WHERE subject_id = ?1",
            "UPDATE likeness SET owner_id = 'erased', guidelines = NULL, forbidden_tags = '{}' WHERE owner_id = ?1");

    @Inject LikenessRepository likenesses;
    @Inject LikenessService likenessService;
    @Inject GrantService grants;
    @Inject AccessRequestService requests;
    @Inject Persons persons;
    @Inject ErasedPersons erased;

    /** {@code release} ends what consent rests on a likeness being deleted, as for identity-service's deletion. */
    public Uni<Void> erase(PersonErased event, Function<Likeness, Uni<?>> release) {
        String person = event.personId();
        return erased.record(person)
                .chain(() -> involved(person))
                .chain(locked -> {
                    Uni<Void> done = Uni.createFrom().voidItem();
                    for (Likeness likeness : locked) {
                        done = done.chain(() -> likeness.ownerId.equals(person)
                                ? likenessService.deleted(new LikenessDeleted(likeness.id, person, event.erasedAt()), release)
                                : grants.revokeHeld(likeness, person, Ledger.IDENTITY_SERVICE)
                                        .chain(() -> requests.withdrawPending(likeness, person, Ledger.IDENTITY_SERVICE)));
                    }
                    return done;
                })
                // The changes above are written before the statements below rewrite the same rows.
                .chain(() -> Panache.getSession().chain(session -> session.flush()))
                .chain(() -> {
                    Uni<Void> done = Uni.createFrom().voidItem();
                    for (String statement : ERASING) {
                        done = done.chain(() -> Panache.getSession().chain(session -> session.createNativeQuery(statement)
                                .setParameter(1, person).executeUpdate()).replaceWithVoid());
                    }
                    return done;
                })
                .chain(() -> persons.forget(person));
    }

    /** Applies an event about a person unless they were erased meanwhile: nothing of theirs comes back. */
    public Uni<Void> unlessErased(String personId, Supplier<Uni<Void>> effect) {
        return erased.erased(personId).chain(gone -> gone ? Uni.createFrom().voidItem() : effect.get());
    }

    /**
     * Locks, in id order as every change that locks several does, the likenesses the erasure
     * changes: the person's own, and those they hold a grant on or have a request open for.
     */
    private Uni<List<Likeness>> involved(String person) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        SELECT id FROM likeness WHERE owner_id = ?1
                        UNION SELECT likeness_id FROM consent_grant WHERE grantee_id = ?1 AND revoked_at IS NULL
                        UNION SELECT likeness_id FROM access_request WHERE requester_id = ?1 AND status = 'PENDING'""", UUID.class)
                .setParameter(1, person).getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Likeness>of())
                        : likenesses.find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list());
    }
}
