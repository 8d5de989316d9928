package dev.likeness.notification.inbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.likeness.notification.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Stores notifications (in the consuming event's transaction) and reads inboxes. */
@ApplicationScoped
public class Notifications {

    private final NotificationRepository notifications;
    private final Outbox outbox;

    Notifications(NotificationRepository notifications, Outbox outbox) {
        this.notifications = notifications;
        this.outbox = outbox;
    }

    /** Must run inside the consumer's transaction. */
    public Uni<Void> notify(Notification notification) {
        notification.id = UUID.randomUUID();
        notification.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return notifications.persist(notification)
                .chain(() -> outbox.append(new NotificationCreatedEvent(notification.id, notification.recipientId,
                        notification.type, notification.likenessId, notification.createdAt)));
    }

    @WithSession
    public Uni<List<Notification>> inbox(String recipientId, InboxCursor before, int limit) {
        return notifications.inbox(recipientId, before == null ? null : before.createdAt(),
                before == null ? null : before.id(), limit);
    }
}
