package dev.likeness.consent.draft;

import java.io.Serializable;
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
        public Key() {
            this(null, null);
        }
    }

    @Id
    public UUID draftId;
    @Id
    public UUID likenessId;
    public String ownerId;
    public long revision;
}
