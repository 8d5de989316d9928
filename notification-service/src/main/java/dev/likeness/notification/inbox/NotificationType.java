package dev.likeness.notification.inbox;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What happened. The name is the type in the API and in webhook payloads, and the message key
 * of the text. Critical types reach the inbox and the live stream whatever the preferences say.
 */
public enum NotificationType {
    LIKENESS_VERIFIED("likeness.verified", false),
    LIKENESS_SUSPENDED("likeness.suspended", true),
    LIKENESS_REINSTATED("likeness.reinstated", false),
    LIKENESS_DELETED("likeness.deleted", true),
    GRANT_CREATED("grant.created", false),
    GRANT_REVOKED("grant.revoked", false),
    ACCESS_REQUESTED("access.requested", false),
    ACCESS_APPROVED("access.approved", false),
    ACCESS_DENIED("access.denied", false),
    DRAFT_CREATED("draft.created", true),
    DRAFT_REMOVAL_REQUESTED("draft.removal-requested", false),
    WEBHOOK_FAILED("webhook.failed", false);

    private final String key;
    private final boolean critical;

    NotificationType(String key, boolean critical) {
        this.key = key;
        this.critical = critical;
    }

    @JsonValue
    public String key() {
        return key;
    }

    public boolean critical() {
        return critical;
    }

    public static Optional<NotificationType> byKey(String key) {
        return Arrays.stream(values()).filter(type -> type.key.equals(key)).findFirst();
    }

    @JsonCreator
    static NotificationType fromKey(String key) {
        return byKey(key).orElseThrow(() -> new IllegalArgumentException("unknown notification type " + key));
    }
}
