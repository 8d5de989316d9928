package dev.likeness.notification.alerts;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.likeness.kit.messaging.PoisonEventException;
import dev.likeness.notification.inbox.Notification;
import dev.likeness.notification.inbox.NotificationType;
import dev.likeness.notification.inbox.Notifications;
import dev.likeness.notification.preference.Preferences;
import dev.likeness.notification.webhook.FailingEndpoints;
import dev.likeness.notification.webhook.WebhookEndpoint;
import dev.likeness.notification.webhook.Webhooks;
import io.smallrye.mutiny.Uni;

/**
 * Who is told what, for each event and for a webhook endpoint given up, and on which channels:
 * those the recipient's preferences leave on. Runs in the transaction of what it tells.
 */
@ApplicationScoped
public class Alerts implements FailingEndpoints {

    @Inject Preferences preferences;
    @Inject Notifications notifications;
    @Inject Webhooks webhooks;

    /** The owner: their likeness can now be shared. */
    Uni<Void> verified(LikenessVerified event) {
        return tell(about(NotificationType.LIKENESS_VERIFIED, event.ownerId(), null, event.likenessId()));
    }

    /** The owner, whatever their preferences: nobody can feature them any more, and why. */
    Uni<Void> suspended(LikenessSuspended event) {
        Notification notification = about(NotificationType.LIKENESS_SUSPENDED, event.ownerId(), null, event.likenessId());
        notification.detail = event.reason();
        return tell(notification);
    }

    Uni<Void> reinstated(LikenessReinstated event) {
        return tell(about(NotificationType.LIKENESS_REINSTATED, event.ownerId(), null, event.likenessId()));
    }

    /** The owner, whatever their preferences: the proof that their data and permissions are gone. */
    Uni<Void> deleted(LikenessDeleted event) {
        return tell(about(NotificationType.LIKENESS_DELETED, event.ownerId(), null, event.likenessId()));
    }

    /** The grantee: they may now feature the owner. */
    Uni<Void> grantCreated(GrantCreated event) {
        Notification notification = about(NotificationType.GRANT_CREATED, event.granteeId(), event.ownerId(), event.likenessId());
        notification.grantId = event.grantId();
        notification.purposes = String.join(",", event.purposes());
        return tell(notification);
    }

    /** The grantee: they may no longer. */
    Uni<Void> grantRevoked(GrantRevoked event) {
        Notification notification = about(NotificationType.GRANT_REVOKED, event.granteeId(), event.ownerId(), event.likenessId());
        notification.grantId = event.grantId();
        return tell(notification);
    }

    /** The owner: someone asks; the deep link is the request to approve or deny. */
    Uni<Void> accessRequested(AccessRequested event) {
        Notification notification = about(NotificationType.ACCESS_REQUESTED, event.ownerId(), event.requesterId(), event.likenessId());
        notification.requestId = event.requestId();
        notification.purposes = String.join(",", event.purposes());
        notification.detail = event.message();
        return tell(notification);
    }

    /** The requester: the answer, with the grant an approval created. */
    Uni<Void> accessApproved(AccessDecided event) {
        if (event.grantId() == null) {
            throw new PoisonEventException("invalid " + AccessDecided.APPROVED + ": grantId must not be null");
        }
        Notification notification = decision(NotificationType.ACCESS_APPROVED, event);
        notification.grantId = event.grantId();
        return tell(notification);
    }

    Uni<Void> accessDenied(AccessDecided event) {
        return tell(decision(NotificationType.ACCESS_DENIED, event));
    }

    /** The featured owner, whoever made the draft, whatever their preferences. */
    Uni<Void> draftCreated(DraftCreated event) {
        Notification notification = about(NotificationType.DRAFT_CREATED, event.ownerId(), event.creatorId(), event.likenessId());
        notification.draftId = event.draftId();
        return tell(notification);
    }

    /** The platform that rendered the draft (to remove it) and the person who made it. */
    Uni<Void> draftRemovalRequested(DraftRemovalRequested event) {
        Uni<Void> platform = tell(removal(event.platformId(), event));
        // One session: the two notifications are stored one after the other.
        return event.creatorId().equals(event.platformId()) ? platform
                : platform.chain(() -> tell(removal(event.creatorId(), event)));
    }

    /** The endpoint's owner, on every channel but webhooks: a failing endpoint must not feed itself. */
    @Override
    public Uni<Void> gaveUp(WebhookEndpoint endpoint) {
        Notification failed = about(NotificationType.WEBHOOK_FAILED, endpoint.ownerId, null, null);
        failed.endpointId = endpoint.id;
        failed.detail = endpoint.url;
        return tell(failed);
    }

    /**
     * Kept for the inbox and stream, and queued for webhooks, as the recipient's preferences say;
     * nothing for a recipient erased here, and an erased actor is kept as none (Notifications.keep).
     */
    private Uni<Void> tell(Notification notification) {
        boolean webhookAllowed = notification.type != NotificationType.WEBHOOK_FAILED;
        return preferences.channels(notification.recipientId, notification.type).chain(channels -> channels.none()
                ? Uni.createFrom().voidItem()
                : notifications.keep(notification, channels.inbox(), channels.stream())
                        .chain(kept -> kept && channels.webhook() && webhookAllowed
                                ? webhooks.enqueue(notification) : Uni.createFrom().voidItem()));
    }

    private static Notification removal(String recipient, DraftRemovalRequested event) {
        Notification notification = about(NotificationType.DRAFT_REMOVAL_REQUESTED, recipient, event.ownerId(), event.likenessId());
        notification.draftId = event.draftId();
        notification.detail = event.reason();
        return notification;
    }

    private static Notification decision(NotificationType type, AccessDecided event) {
        Notification notification = about(type, event.requesterId(), event.ownerId(), event.likenessId());
        notification.requestId = event.requestId();
        return notification;
    }

    private static Notification about(NotificationType type, String recipient, String actor, UUID likenessId) {
        Notification notification = new Notification();
        notification.type = type;
        notification.recipientId = recipient;
        notification.actorId = actor;
        notification.likenessId = likenessId;
        return notification;
    }
}
