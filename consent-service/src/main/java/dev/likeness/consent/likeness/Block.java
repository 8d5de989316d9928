package dev.likeness.consent.likeness;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** The owner excludes a person from featuring the likeness, whatever its audience and grants. */
@Entity
@Table(name = "block")
@IdClass(Block.Key.class)
public class Block {

    public record Key(UUID likenessId, String blockedId) implements Serializable {
    }

    @Id
    public UUID likenessId;
    @Id
    public String blockedId;
    public OffsetDateTime createdAt;
}
