package dev.likeness.notification.inbox;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A recipient's counter: the number their latest notification was given. */
@Entity
@Table(name = "recipient_sequence")
public class RecipientSequence {

    @Id
    public String recipientId;
    public long lastSeq;
}
