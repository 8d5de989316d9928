package dev.likeness.notification.inbox;

import com.fasterxml.jackson.annotation.JsonValue;

/** What happened; also the message key of the notification's text. */
public enum NotificationType {
    LIKENESS_VERIFIED("likeness-verified"),
    GRANT_CREATED("grant-created"),
    GRANT_REVOKED("grant-revoked"),
    DRAFT_CREATED("draft-created");

    private final String key;

    NotificationType(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }
}
