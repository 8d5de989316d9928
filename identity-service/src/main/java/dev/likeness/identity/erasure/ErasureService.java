package dev.likeness.identity.erasure;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.likeness.identity.enrolment.EnrolmentService;
import dev.likeness.identity.likeness.LikenessService;
import dev.likeness.kit.database.TransactionLocks;
import dev.likeness.kit.erasure.ErasedPersons;
import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.outbox.Outbox;
import dev.likeness.kit.time.Clocks;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * A person's erasure, asked for by themselves or by trust and safety. In one transaction: their
 * enrolments (with their failed captures) and their likenesses are erased, each likeness not yet
 * deleted going the way of any deletion (data key and biometric data destroyed, likeness.deleted);
 * an erasure is recorded in progress, the person among the kit's {@link ErasedPersons}, and
 * person.erased is published. Their Keycloak account goes last ({@code keycloak.ErasedAccounts}),
 * which completes the erasure. Asking again while it is in progress answers the same erasure.
 */
@ApplicationScoped
public class ErasureService {

    @Inject ErasureRepository erasures;
    @Inject EnrolmentService enrolments;
    @Inject LikenessService likenesses;
    @Inject ErasedPersons erasedPersons;
    @Inject Outbox outbox;
    @Inject Clock clock;

    /** The person erases themselves. */
    @WithTransaction
    public Uni<Erasure> eraseSelf(String personId) {
        return request(personId, Erasure.SELF, null, null);
    }

    /** A staff member of trust and safety erases a person, whether or not anything of theirs is held here. */
    @WithTransaction
    public Uni<Erasure> eraseAsTrustSafety(String personId, String staffId, String reason) {
        return request(personId, Erasure.TRUST_SAFETY, staffId, reason);
    }

    @WithSession
    public Uni<Erasure> get(UUID id) {
        return erasures.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("erasure " + id));
    }

    private Uni<Erasure> request(String personId, String requestedBy, String staffId, String reason) {
        // Two requests for one person at once: the second waits, then finds the first one's erasure.
        return TransactionLocks.lock("erasure:" + personId)
                .chain(() -> erasures.inProgressOf(personId))
                .chain(inProgress -> inProgress != null ? Uni.createFrom().item(inProgress) : erase(personId, requestedBy, staffId, reason));
    }

    private Uni<Erasure> erase(String personId, String requestedBy, String staffId, String reason) {
        Erasure erasure = new Erasure();
        erasure.id = UUID.randomUUID();
        erasure.personId = personId;
        erasure.status = Erasure.Status.IN_PROGRESS;
        erasure.requestedBy = requestedBy;
        erasure.staffId = staffId;
        erasure.reason = reason;
        erasure.requestedAt = Clocks.micros(clock);
        OffsetDateTime erasedAt = erasure.requestedAt;
        // Enrolments first: they refer to the likenesses, and erasing them takes the locks that keep new ones out.
        return enrolments.erase(personId)
                .chain(() -> likenesses.erase(personId))
                .chain(() -> erasures.forgetStaff(personId))
                .chain(() -> erasures.persist(erasure))
                .call(() -> erasedPersons.record(personId))
                .call(() -> outbox.append(new PersonErasedEvent(personId, erasedAt)));
    }
}
