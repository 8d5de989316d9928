package dev.likeness.identity.capture;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.likeness.kit.database.TransactionLocks;
import dev.likeness.kit.http.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Limits a person's failed captures: after {@code likeness.capture.max-failures} within
 * {@code failure-window}, capture attempts and new enrolments are refused (429) until the
 * oldest of them leaves the window. Counted in the database, so every instance agrees.
 * All methods run in the caller's session.
 */
@ApplicationScoped
public class CaptureFailures {

    public static final String LIVENESS_FAILED = "liveness-failed";
    public static final String CAPTURE_UNREADABLE = "capture-unreadable";
    /** The verification itself failed: counted too, so that media which breaks it cannot be sent again and again. */
    public static final String VERIFICATION_ERROR = "verification-error";

    @Inject CaptureConfig config;

    /** Fails with 429 while the person has used up their failed attempts; changes nothing. */
    public Uni<Void> requireAttemptsLeft(String ownerId, OffsetDateTime now) {
        Duration window = config.failureWindow();
        // The max-th newest failure in the window: while it is in there, so are max failures.
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        SELECT failed_at FROM capture_failure WHERE owner_id = ?1 AND failed_at > ?2
                        ORDER BY failed_at DESC OFFSET ?3 LIMIT 1""", OffsetDateTime.class)
                .setParameter(1, ownerId)
                .setParameter(2, now.minus(window))
                .setParameter(3, config.maxFailures() - 1)
                .getSingleResultOrNull())
                .invoke(blocking -> {
                    if (blocking != null) {
                        throw tooManyAttempts(Duration.between(now, blocking.plus(window)));
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Serialises the person's capture completions until the transaction ends, so that captures
     * sent in parallel (on enrolments started beforehand) cannot all pass the limit together.
     */
    public Uni<Void> lock(String ownerId) {
        return TransactionLocks.lock("capture-failures:" + ownerId);
    }

    /** Counts a failed capture; forgets the person's failures that left the window. */
    public Uni<Void> record(String ownerId, UUID enrolmentId, String outcome, OffsetDateTime now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        DELETE FROM capture_failure WHERE owner_id = ?1 AND failed_at <= ?2""")
                .setParameter(1, ownerId)
                .setParameter(2, now.minus(config.failureWindow()))
                .executeUpdate()
                .chain(() -> session.createNativeQuery("""
                                INSERT INTO capture_failure (owner_id, enrolment_id, outcome, failed_at) VALUES (?1, ?2, ?3, ?4)""")
                        .setParameter(1, ownerId)
                        .setParameter(2, enrolmentId)
                        .setParameter(3, outcome)
                        .setParameter(4, now)
                        .executeUpdate()))
                .replaceWithVoid();
    }

    /** Forgets every failed capture of the person (their erasure). */
    public Uni<Void> erase(String ownerId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("DELETE FROM capture_failure WHERE owner_id = ?1")
                .setParameter(1, ownerId)
                .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * The person's failed captures still recorded for these enrolments of theirs, oldest first per
     * enrolment. A failure is forgotten once it left the window and another failure is recorded.
     */
    public Uni<Map<UUID, List<FailedCapture>>> recorded(String ownerId, Collection<UUID> enrolmentIds) {
        if (enrolmentIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        SELECT enrolment_id, outcome, failed_at FROM capture_failure WHERE owner_id = ?1 AND enrolment_id IN (?2)
                        ORDER BY failed_at, id""", Object[].class)
                .setParameter(1, ownerId)
                .setParameter(2, enrolmentIds)
                .getResultList())
                .map(rows -> {
                    Map<UUID, List<FailedCapture>> failed = new HashMap<>();
                    for (Object[] row : rows) {
                        failed.computeIfAbsent((UUID) row[0], id -> new ArrayList<>())
                                .add(new FailedCapture((String) row[1], (OffsetDateTime) row[2]));
                    }
                    return failed;
                });
    }

    private ProblemException tooManyAttempts(Duration wait) {
        return new ProblemException(429, "too-many-attempts", "Too many failed attempts",
                config.maxFailures() + " captures failed within the last " + config.failureWindow().toSeconds()
                        + " s; try again once Retry-After has passed").retryAfter(wait);
    }
}
