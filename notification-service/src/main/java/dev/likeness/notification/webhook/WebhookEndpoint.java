package dev.likeness.notification.webhook;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Where a person or a platform receives their notifications over HTTP. */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint {

    @Id
    public UUID id;
    public String ownerId;
    public String url;
    public String description;
    /** Notification types delivered; empty for every type. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] eventTypes;
    /** Language of the notification texts in payloads. */
    public String language;
    /** Sealed by {@link SecretBox}. */
    public String secret;
    public String previousSecret;
    public OffsetDateTime previousExpiresAt;
    public OffsetDateTime disabledAt;
    public String disabledReason;
    public OffsetDateTime createdAt;
    public OffsetDateTime updatedAt;

    boolean subscribes(String type) {
        return eventTypes.length == 0 || java.util.Arrays.asList(eventTypes).contains(type);
    }
}
