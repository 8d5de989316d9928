package dev.likeness.consent.follow;

import java.io.Serializable;
import java.time.OffsetDateTime;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** On a platform, one person follows another, as the platform reports it. */
@Entity
@Table(name = "follow")
@IdClass(Follow.Key.class)
public class Follow {

    public record Key(String platformId, String followerId, String followeeId) implements Serializable {
    }

    @Id
    public String platformId;
    @Id
    public String followerId;
    @Id
    public String followeeId;
    public OffsetDateTime createdAt;
}
