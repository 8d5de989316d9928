package dev.likeness.identity.likeness;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A person's likeness, verified by a liveness check; its id is what consent and platforms refer to.
 * Trust and safety may suspend it (and reinstate it); its owner or trust and safety may delete it.
 */
@Entity
@Table(name = "likeness")
public class Likeness {

    /** A pending or rejected likeness is an enrolment ({@code AWAITING_CAPTURE}, {@code REJECTED}), not a row here. */
    public enum Status { VERIFIED, SUSPENDED, DELETED }

    @Id
    public UUID id;
    public String ownerId;
    @Enumerated(EnumType.STRING)
    public Status status;
    /** Which verifier accepted the capture, e.g. {@code built-in}. */
    public String method;
    public OffsetDateTime verifiedAt;
    public OffsetDateTime updatedAt;
    public OffsetDateTime suspendedAt;
    /** Why trust and safety suspended it, as shown to the owner. */
    public String suspensionReason;
    public OffsetDateTime deletedAt;
}
