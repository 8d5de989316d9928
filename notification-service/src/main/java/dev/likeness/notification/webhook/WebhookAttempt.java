package dev.likeness.notification.webhook;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One HTTP request of a delivery, for the delivery log. */
@Entity
@Table(name = "webhook_attempt")
public class WebhookAttempt {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public UUID deliveryId;
    public OffsetDateTime attemptedAt;
    public Integer responseStatus;
    public String error;
    public int durationMs;
}
