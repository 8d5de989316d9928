package dev.likeness.identity.enrolment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.likeness.identity.biometric.BiometricVault;
import dev.likeness.identity.capture.CaptureFailures;
import dev.likeness.identity.capture.Check;
import dev.likeness.identity.capture.Hint;
import dev.likeness.identity.capture.Verification;
import dev.likeness.identity.likeness.Likeness;
import dev.likeness.identity.likeness.LikenessRepository;
import dev.likeness.identity.likeness.LikenessVerifiedEvent;
import dev.likeness.identity.liveness.Challenge;
import dev.likeness.identity.liveness.Verdict;
import dev.likeness.kit.database.TransactionLocks;
import dev.likeness.kit.erasure.ErasedPersons;
import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.outbox.Outbox;
import dev.likeness.kit.paging.PageCursor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Enrolment rules. A challenge answers one capture: refusals before verification (wrong
 * nonce, expired, used) change nothing, while a capture that reaches verification consumes the
 * challenge whatever the outcome. Failed and unreadable captures count towards the person's
 * limit ({@link CaptureFailures}).
 */
@ApplicationScoped
public class EnrolmentService {

    /** Enrolments per page of an export. */
    static final int EXPORT_PAGE = 100;
    /** The person's starts are serialised under this lock (with their person id), and so is their erasure. */
    private static final String ENROLMENTS_LOCK = "enrolments:";

    @Inject EnrolmentRepository enrolments;
    @Inject LikenessRepository likenesses;
    @Inject Outbox outbox;
    @Inject EnrolmentConfig config;
    @Inject CaptureFailures failures;
    @Inject Challenges challenges;
    @Inject ErasedPersons erasedPersons;
    @Inject Clock clock;

    @Inject BiometricVault vault;

    @WithTransaction
    public Uni<Enrolment> start(String ownerId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return failures.requireAttemptsLeft(ownerId, now)
                .chain(() -> TransactionLocks.lock(ENROLMENTS_LOCK + ownerId))
                .chain(() -> requireNotErased(ownerId))
                .chain(() -> requireFewOpen(ownerId, now))
                .chain(() -> likenesses.hasLikeness(ownerId)).chain(enrolled -> {
            if (enrolled) {
                return Uni.createFrom().failure(alreadyEnrolled());
            }
            Enrolment enrolment = new Enrolment();
            enrolment.id = UUID.randomUUID();
            enrolment.ownerId = ownerId;
            enrolment.challenge(challenges.next());
            enrolment.status = Enrolment.Status.AWAITING_CAPTURE;
            enrolment.createdAt = now;
            enrolment.expiresAt = now.plus(config.challengeTtl());
            return enrolments.persist(enrolment);
        });
    }

    /**
     * 410 for a person erased: their account is being deleted or gone, but a token issued before
     * stays valid until it expires, and nothing new may be kept about them.
     */
    private Uni<Void> requireNotErased(String ownerId) {
        return erasedPersons.erased(ownerId).invoke(erased -> {
            if (erased) {
                throw new ProblemException(410, "person-erased", "Person erased",
                        "Everything about this person was erased and their account is being deleted");
            }
        }).replaceWithVoid();
    }

    /** 429 while the person has {@code likeness.enrolment.max-open} challenges open, until the oldest expires. */
    private Uni<Void> requireFewOpen(String ownerId, OffsetDateTime now) {
        return enrolments.open(ownerId, now, config.maxOpen()).invoke(open -> {
            if (open.size() >= config.maxOpen()) {
                throw new ProblemException(429, "too-many-open-enrolments", "Too many open enrolments",
                        config.maxOpen() + " enrolments are waiting for their capture; answer one, or start again once Retry-After has passed")
                        .retryAfter(Duration.between(now, open.get(0).expiresAt));
            }
        }).replaceWithVoid();
    }

    /** The owner's enrolment, locked until the transaction ends; 404 for anyone else's. */
    private Uni<Enrolment> locked(UUID id, String ownerId) {
        return enrolments.ownedForUpdate(id, ownerId).onItem().ifNull().failWith(() -> ProblemException.notFound("enrolment " + id));
    }

    @WithSession
    public Uni<Enrolment> get(UUID id, String ownerId) {
        return enrolments.owned(id, ownerId).onItem().ifNull().failWith(() -> ProblemException.notFound("enrolment " + id));
    }

    /**
     * A page of the owner's export: every enrolment of theirs, oldest first after {@code after},
     * with its verification, the digest of the capture that decided it and its failed captures.
     */
    @WithSession
    public Uni<List<EnrolmentExport>> exportPage(String ownerId, PageCursor after) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return enrolments.everyOwnedBy(ownerId, after, EXPORT_PAGE).chain(page -> {
            List<UUID> ids = page.stream().map(enrolment -> enrolment.id).toList();
            return enrolments.captureDigests(ids).chain(digests -> failures.recorded(ownerId, ids).map(failed -> page.stream()
                    .map(enrolment -> EnrolmentExport.of(enrolment, now, digests.get(enrolment.id),
                            failed.getOrDefault(enrolment.id, List.of())))
                    .toList()));
        });
    }

    /**
     * Erases every enrolment of the person, their failed captures with them, in the caller's
     * transaction (their erasure). Their capture digests stay as the replay guard, linked to no
     * enrolment and dated to the day only. Holds, until the transaction ends, the locks that a
     * start and a capture's completion take: neither adds anything of theirs meanwhile, and a start
     * that waited finds them erased.
     */
    public Uni<Void> erase(String ownerId) {
        return TransactionLocks.lock(ENROLMENTS_LOCK + ownerId)
                .chain(() -> failures.lock(ownerId))
                .chain(() -> failures.erase(ownerId))
                .chain(() -> enrolments.unlinkCaptureDigests(ownerId))
                .chain(() -> enrolments.delete("ownerId", ownerId))
                .replaceWithVoid();
    }

    /** Fails unless this challenge still takes a capture with this nonce; changes nothing. */
    @WithSession
    public Uni<Enrolment> awaitingCapture(UUID id, String ownerId, String nonce) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return get(id, ownerId).invoke(enrolment -> requireOpen(enrolment, nonce, now))
                .call(() -> failures.requireAttemptsLeft(ownerId, now));
    }

    /**
     * Takes the challenge's one capture place: fails unless the challenge still takes a capture
     * with this nonce and no other capture for it is being verified (409 capture-in-progress).
     */
    @WithTransaction
    public Uni<Enrolment> beginCapture(UUID id, String ownerId, String nonce) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return locked(id, ownerId)
                .invoke(enrolment -> requireOpen(enrolment, nonce, now))
                .call(() -> failures.requireAttemptsLeft(ownerId, now))
                .invoke(enrolment -> {
                    if (enrolment.captureStartedAt != null) {
                        throw new ProblemException(409, "capture-in-progress", "Capture in progress",
                                "Another capture for this challenge arrived at " + enrolment.captureStartedAt + " and is being verified");
                    }
                    enrolment.captureStartedAt = now;
                });
    }

    /**
     * A capture that decided nothing (bytes that are not the declared container, a failure
     * inside the service) counts as a failed attempt and frees the challenge for another capture.
     */
    @WithTransaction
    public Uni<Void> failed(UUID id, String ownerId, String outcome) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return locked(id, ownerId)
                .invoke(enrolment -> enrolment.captureStartedAt = null)
                .chain(enrolment -> failures.record(ownerId, enrolment.id, outcome, now));
    }

    /**
     * Records a verification's outcome, and on success the new likeness, its event and its
     * biometric data: the reference image, and the capture itself when {@code retained} is given.
     * {@code sha256} is the uploaded capture's digest; null for a vendor session.
     */
    @WithTransaction
    public Uni<Enrolment> complete(UUID id, String ownerId, String nonce, String sha256, Verdict verdict, Retained retained) {
        Verification verification = verdict.verification();
        OffsetDateTime now = OffsetDateTime.now(clock);
        return failures.lock(ownerId)
                .chain(() -> locked(id, ownerId))
                .invoke(enrolment -> requireOpen(enrolment, nonce, now))
                .call(() -> failures.requireAttemptsLeft(ownerId, now))
                .chain(enrolment -> uniqueness(sha256, enrolment.id, now).chain(unique -> {
                    List<Check> all = new ArrayList<>();
                    if (unique != null) {
                        all.add(unique);
                    }
                    all.addAll(verification.checks());
                    enrolment.verification = new Verification(verification.method(), all);
                    enrolment.completedAt = now;
                    if (!enrolment.verification.passed()) {
                        enrolment.status = Enrolment.Status.REJECTED;
                        return failures.record(ownerId, enrolment.id, CaptureFailures.LIVENESS_FAILED, now).replaceWith(enrolment);
                    }
                    return verify(enrolment, now).call(() -> keep(enrolment.likenessId, verdict.referenceImage(), retained, now));
                }));
    }

    /** Binds a vendor liveness session to the enrolment; a challenge takes one session. */
    @WithTransaction
    public Uni<Enrolment> openSession(UUID id, String ownerId, String nonce, String sessionId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return failures.lock(ownerId)
                .chain(() -> locked(id, ownerId))
                .invoke(enrolment -> {
                    requireOpen(enrolment, nonce, now);
                    requireNoSession(enrolment);
                    enrolment.vendorSessionId = sessionId;
                })
                .call(() -> failures.requireAttemptsLeft(ownerId, now));
    }

    static void requireNoSession(Enrolment enrolment) {
        if (enrolment.vendorSessionId != null) {
            throw new ProblemException(409, "session-open", "Liveness session already open",
                    "This challenge already has its liveness session; fetch its result");
        }
    }

    /** The capture-unique check of an uploaded capture; none for a vendor session (no bytes reach us). */
    private static Uni<Check> uniqueness(String sha256, UUID enrolmentId, OffsetDateTime now) {
        if (sha256 == null) {
            return Uni.createFrom().nullItem();
        }
        return firstSubmission(sha256, enrolmentId, now)
                .map(first -> new Check("capture-unique", first, first ? "new" : "submitted before", "never submitted before")
                        .hinting(Hint.RECORDING_REUSED));
    }

    /** The raw capture to keep, encrypted, until {@code until}. */
    public record Retained(String mediaType, byte[] bytes, OffsetDateTime until) {
    }

    private Uni<Void> keep(UUID likenessId, byte[] referenceImage, Retained capture, OffsetDateTime now) {
        Uni<Void> kept = Panache.flush();
        if (referenceImage != null) {
            kept = kept.chain(() -> vault.keep(likenessId, BiometricVault.Kind.REFERENCE_IMAGE, "image/jpeg", referenceImage, now, null));
        }
        if (capture != null) {
            kept = kept.chain(() -> vault.keep(likenessId, BiometricVault.Kind.CAPTURE, capture.mediaType(), capture.bytes(), now, capture.until()));
        }
        return kept;
    }

    private Uni<Enrolment> verify(Enrolment enrolment, OffsetDateTime now) {
        return likenesses.hasLikeness(enrolment.ownerId).chain(enrolled -> {
            if (enrolled) {
                return Uni.createFrom().failure(alreadyEnrolled());
            }
            Likeness likeness = new Likeness();
            likeness.id = UUID.randomUUID();
            likeness.ownerId = enrolment.ownerId;
            likeness.status = Likeness.Status.VERIFIED;
            likeness.method = enrolment.verification.method();
            likeness.verifiedAt = now;
            likeness.updatedAt = now;
            enrolment.status = Enrolment.Status.VERIFIED;
            enrolment.likenessId = likeness.id;
            return likenesses.persist(likeness)
                    .chain(() -> outbox.append(new LikenessVerifiedEvent(likeness.id, likeness.ownerId, now, likeness.method)))
                    .replaceWith(enrolment);
        });
    }

    private static Uni<Boolean> firstSubmission(String sha256, UUID enrolmentId, OffsetDateTime now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO capture_digest (sha256, enrolment_id, created_at) VALUES (?1, ?2, ?3)
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, sha256)
                .setParameter(2, enrolmentId)
                .setParameter(3, now)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    private static void requireOpen(Enrolment enrolment, String nonce, OffsetDateTime now) {
        if (enrolment.status != Enrolment.Status.AWAITING_CAPTURE) {
            throw new ProblemException(409, "challenge-used", "Challenge already used",
                    "This enrolment already received its capture; start a new enrolment");
        }
        if (enrolment.expired(now)) {
            throw new ProblemException(410, "challenge-expired", "Challenge expired",
                    "The challenge expired at " + enrolment.expiresAt + "; start a new enrolment");
        }
        if (!MessageDigest.isEqual(enrolment.nonce.getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(422, "challenge-mismatch", "Challenge mismatch",
                    "The capture does not answer this enrolment's challenge (Likeness-Challenge-Nonce)");
        }
    }

    static ProblemException alreadyEnrolled() {
        return new ProblemException(409, "already-enrolled", "Already enrolled",
                "This person already has a likeness, verified or suspended");
    }
}
