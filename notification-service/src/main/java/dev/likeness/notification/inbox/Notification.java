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
    /** The recipient's 1, 2, 3…, in commit order: stream event id and inbox cursor. */
    public long seq;
    @Enumerated(EnumType.STRING)
    public NotificationType type;
    /** Who did it: the owner for grants, the creator for drafts, the requester for requests. */
    public String actorId;
    public UUID likenessId;
    public UUID draftId;
    public UUID grantId;
    public UUID requestId;
    public UUID endpointId;
    /** Comma-separated purposes of a grant or request. */
    public String purposes;
    /** Free text shown in the message: a suspension reason, a removal reason, an endpoint URL. */
    public String detail;
    public boolean inInbox;
    public boolean inStream;
    public OffsetDateTime createdAt;
    public OffsetDateTime readAt;
    public OffsetDateTime archivedAt;
}
