package dev.likeness.consent.draft;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.likeness.consent.purpose.Purpose;

/** A video a platform rendered with a checked consent token. */
@Entity
@Table(name = "draft")
public class Draft {

    /** REGISTERED, then PUBLISHED after the publish-time re-check; REMOVAL_REQUESTED by an owner; REMOVED by the platform. */
    public enum Status { REGISTERED, PUBLISHED, REMOVAL_REQUESTED, REMOVED }

    @Id
    public UUID id;
    public String platformId;
    /** The platform's own id of the draft; registering it again is idempotent. */
    public String externalId;
    public String creatorId;
    @Enumerated(EnumType.STRING)
    public Purpose purpose;
    public UUID checkId;
    @Enumerated(EnumType.STRING)
    public Status status;
    public OffsetDateTime createdAt;
    public OffsetDateTime publishedAt;
    public OffsetDateTime removedAt;
}
