package dev.likeness.consent.draft;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A likeness a draft features, with its owner and the revision the consent token named. */
@Entity
@Table(name = "draft_likeness")
@IdClass(DraftLikeness.Key.class)
public class DraftLikeness {

    public record Key(UUID draftId, UUID likenessId) implements Serializable {
    }

    @Id
    public UUID draftId;
    @Id
    public UUID likenessId;
    public String ownerId;
    public long revision;
    /** The draft's creation time, repeated here so an owner's list pages on one index. */
    public OffsetDateTime createdAt;
    /** When this likeness' owner asked the platform to remove the draft, and why. */
    public OffsetDateTime removalRequestedAt;
    public String removalReason;
}
