package dev.likeness.notification.preference;

import java.io.Serializable;
import java.time.OffsetDateTime;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import dev.likeness.notification.inbox.NotificationType;

/** The channels a person keeps for one type; no row means all of them. */
@Entity
@Table(name = "preference")
@IdClass(Preference.Key.class)
public class Preference {

    @Id
    public String recipientId;
    @Id
    @Enumerated(EnumType.STRING)
    public NotificationType type;
    public boolean inbox;
    public boolean stream;
    public boolean webhook;
    public OffsetDateTime updatedAt;

    public record Key(String recipientId, NotificationType type) implements Serializable {
    }
}
