package dev.likeness.notification.alerts;

import jakarta.enterprise.context.ApplicationScoped;

import dev.likeness.notification.inbox.Notification;
import dev.likeness.notification.inbox.NotificationType;
import dev.likeness.notification.inbox.Notifications;
import io.smallrye.mutiny.Uni;

/** Who is told what, for each event. */
@ApplicationScoped
public class Alerts {

    private final Notifications notifications;

    Alerts(Notifications notifications) {
        this.notifications = notifications;
    }

    /** The owner: their likeness can now be shared. */
    Uni<Void> verified(LikenessVerified event) {
        Notification notification = new Notification();
        notification.recipientId = event.ownerId();
        notification.type = NotificationType.LIKENESS_VERIFIED;
        notification.likenessId = event.likenessId();
        return notifications.notify(notification);
    }

    /** The grantee: they may now feature the owner. */
    Uni<Void> grantCreated(GrantCreated event) {
        Notification notification = grant(NotificationType.GRANT_CREATED, event.granteeId(), event.ownerId(),
                event.likenessId(), event.grantId());
        notification.purposes = String.join(",", event.purposes());
        return notifications.notify(notification);
    }

    /** The grantee: they may no longer. */
    Uni<Void> grantRevoked(GrantRevoked event) {
        return notifications.notify(grant(NotificationType.GRANT_REVOKED, event.granteeId(), event.ownerId(),
                event.likenessId(), event.grantId()));
    }

    /** The featured owner, whoever made the draft: this alert cannot be switched off. */
    Uni<Void> draftCreated(DraftCreated event) {
        Notification notification = new Notification();
        notification.recipientId = event.ownerId();
        notification.type = NotificationType.DRAFT_CREATED;
        notification.actorId = event.creatorId();
        notification.likenessId = event.likenessId();
        notification.draftId = event.draftId();
        return notifications.notify(notification);
    }

    private static Notification grant(NotificationType type, String recipient, String owner,
                                      java.util.UUID likenessId, java.util.UUID grantId) {
        Notification notification = new Notification();
        notification.recipientId = recipient;
        notification.type = type;
        notification.actorId = owner;
        notification.likenessId = likenessId;
        notification.grantId = grantId;
        return notification;
    }
}
