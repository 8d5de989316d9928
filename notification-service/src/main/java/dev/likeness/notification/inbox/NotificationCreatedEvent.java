package dev.likeness.notification.inbox;

import java.time.OffsetDateTime;
import java.util.UUID;

import dev.likeness.kit.outbox.DomainEvent;

/** A person has a new notification: for live streams and other channels. Key: the recipient. */
public record NotificationCreatedEvent(UUID notificationId, String recipientId, NotificationType notificationType, UUID likenessId,
                                       OffsetDateTime createdAt) implements DomainEvent {

    public static final String TYPE = "dev.likeness.notification.notification.created.v1";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String key() {
        return recipientId;
    }

    @Override
    public String subject() {
        return notificationId.toString();
    }
}
