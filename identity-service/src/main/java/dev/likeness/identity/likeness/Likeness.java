package dev.likeness.identity.likeness;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person's likeness, verified by a liveness check; its id is what consent and platforms refer to. */
@Entity
@Table(name = "likeness")
public class Likeness {

    public enum Status { VERIFIED }

    @Id
    public UUID id;
    public String ownerId;
    @Enumerated(EnumType.STRING)
    public Status status;
    /** Which verifier accepted the capture, e.g. {@code built-in/container}. */
    public String method;
    public OffsetDateTime verifiedAt;
    public OffsetDateTime updatedAt;
}
