package dev.likeness.notification.inbox;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One alert for one person, with the ids its text and deep link are made from. */
@Entity
@Table(name = "notification")
public class Notification {

    @Id
    public UUID id;
    public String recipientId;
    @Enumerated(EnumType.STRING)
    public NotificationType type;
    /** Who did it: the owner for grants, the creator for drafts; none for a verification. */
    public String actorId;
    public UUID likenessId;
    public UUID draftId;
    public UUID grantId;
    /** Comma-separated purposes of a grant. */
    public String purposes;
    public OffsetDateTime createdAt;
    public OffsetDateTime readAt;
}
