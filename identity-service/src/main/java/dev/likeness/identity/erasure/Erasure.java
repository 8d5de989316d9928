package dev.likeness.identity.erasure;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A person's erasure: everything about them here is gone when it is recorded; it is in progress
 * until their Keycloak account is deleted too. Completed, it keeps who asked and when, not whom.
 */
@Entity
@Table(name = "erasure")
public class Erasure {

    @Schema(name = "ErasureStatus")
    public enum Status { IN_PROGRESS, COMPLETED }

    /** {@link #requestedBy} of a person erasing themselves. */
    static final String SELF = "self";
    /** {@link #requestedBy} of trust and safety, who name themselves ({@link #staffId}) and give a reason. */
    static final String TRUST_SAFETY = "trust-safety";
    /** What stays of a person id kept for accountability once that person is erased: the same for everyone. */
    static final String ERASED = "erased";

    @Id
    public UUID id;
    /** The Keycloak subject erased; null once completed. */
    public String personId;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String requestedBy;
    public String staffId;
    /** Trust and safety's reason; null once completed. */
    public String reason;
    public OffsetDateTime requestedAt;
    public OffsetDateTime completedAt;
}
