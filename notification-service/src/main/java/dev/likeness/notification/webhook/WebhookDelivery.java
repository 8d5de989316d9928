package dev.likeness.notification.webhook;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One message for one endpoint, tried until delivered or out of retries. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";

    @Id
    public UUID id;
    public UUID endpointId;
    /** webhook-id: {@code msg_} + the notification id, the same on every attempt. */
    public String messageId;
    public String type;
    /** The body, fixed at the first attempt so every later one sends the same bytes. */
    public String payload;
    public String status;
    public int attempts;
    /** When due; while {@link #leaseOwner} is set, when that claim lapses. */
    public OffsetDateTime nextAttemptAt;
    /** The claim of the instance sending it, new at every claim; null when nobody is sending it. */
    public UUID leaseOwner;
    public OffsetDateTime createdAt;
    public OffsetDateTime finishedAt;
}
