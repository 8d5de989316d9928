package dev.likeness.notification.inbox;

import java.time.OffsetDateTime;
import java.util.UUID;

import dev.likeness.kit.outbox.DomainEvent;
import dev.likeness.kit.outbox.EventType;

/** A person has a new notification: for live streams and other channels. Key: the recipient. */
@EventType("dev.likeness.notification.notification.created.v1")
public record NotificationCreatedEvent(UUID notificationId, String recipientId, NotificationType notificationType, UUID likenessId,
                                       OffsetDateTime createdAt) implements DomainEvent {

    @Override
    public String key() {
        return recipientId;
    }

    @Override
    public String subject() {
        return notificationId.toString();
    }
}
