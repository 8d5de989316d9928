package dev.likeness.consent.likeness;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A likeness as consent-service sees it: its owner, lifecycle status, audience and revision. */
@Entity
@Table(name = "likeness")
public class Likeness {

    public enum Status { VERIFIED, SUSPENDED, DELETED }

    @Id
    public UUID id;
    public String ownerId;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Enumerated(EnumType.STRING)
    public Audience audience;
    public long revision;
    public OffsetDateTime verifiedAt;
    public OffsetDateTime updatedAt;

    /** Records a change that can narrow consent: tokens issued before it become worthless. */
    public void narrowed(OffsetDateTime now) {
        revision++;
        updatedAt = now;
    }
}
