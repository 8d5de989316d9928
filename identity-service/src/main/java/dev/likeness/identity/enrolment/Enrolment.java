package dev.likeness.identity.enrolment;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.likeness.identity.capture.Verification;
import dev.likeness.identity.liveness.Challenge;

/** One liveness challenge and, once a capture came, its outcome. */
@Entity
@Table(name = "enrolment")
public class Enrolment {

    public enum Status { AWAITING_CAPTURE, VERIFIED, REJECTED }

    @Id
    public UUID id;
    public String ownerId;
    public String nonce;
    public String digits;
    /** Comma-separated {@link Challenge.Move}s. */
    public String moves;
    @Enumerated(EnumType.STRING)
    public Status status;
    public OffsetDateTime createdAt;
    public OffsetDateTime expiresAt;
    public OffsetDateTime completedAt;
    @JdbcTypeCode(SqlTypes.JSON)
    public Verification verification;
    public UUID likenessId;
    /** When the capture now being verified arrived; null while none is. */
    public OffsetDateTime captureStartedAt;
    /** The vendor liveness session answering the challenge, when a session verifier is configured. */
    public String vendorSessionId;

    public Challenge challenge() {
        List<Challenge.Move> sequence = Arrays.stream(moves.split(",")).map(Challenge.Move::valueOf).toList();
        return new Challenge(nonce, digits, sequence);
    }

    void challenge(Challenge challenge) {
        nonce = challenge.nonce();
        digits = challenge.digits();
        moves = challenge.moves().stream().map(Enum::name).collect(Collectors.joining(","));
    }

    boolean expired(OffsetDateTime now) {
        return status == Status.AWAITING_CAPTURE && !now.isBefore(expiresAt);
    }
}
