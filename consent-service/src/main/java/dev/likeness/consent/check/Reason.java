package dev.likeness.consent.check;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.likeness.kit.http.Codes;

/**
 * Why a likeness may not be featured, precisely: what the decider answers and the owner sees.
 * Platforms are told only {@link #denial()}.
 */
public enum Reason {
    /** No such likeness, or it was deleted. */
    UNKNOWN_LIKENESS,
    /** Trust and safety suspended the likeness. */
    SUSPENDED,
    /** The audience is ONLY_ME: nobody but the owner. */
    ONLY_ME,
    /** The owner blocked the requester. */
    BLOCKED,
    /** The audience is MUTUALS; the requester and the owner do not follow each other on this platform, and no grant. */
    NOT_MUTUAL,
    /** The audience is APPROVED and the requester never had a grant. */
    NO_GRANT,
    /** The requester's grant was revoked. */
    REVOKED,
    /** The requester's grant has expired. */
    EXPIRED,
    /** The requester's grant has no uses left. */
    USED_UP,
    /** The grant does not cover the purpose asked for. */
    PURPOSE_NOT_GRANTED,
    /** The check declares a content tag the owner forbids. */
    RESTRICTED_CONTENT,
    /** The check asked for a revision (atLeastRevision) this likeness has not reached. */
    REVISION_NOT_REACHED;

    @JsonValue
    public String code() {
        return Codes.of(this);
    }

    /** What a platform is told. No default branch: a new reason must be classed as one to tell or not. */
    public DenialReason denial() {
        return switch (this) {
            case UNKNOWN_LIKENESS -> DenialReason.UNKNOWN_LIKENESS;
            case RESTRICTED_CONTENT -> DenialReason.RESTRICTED_CONTENT;
            case REVISION_NOT_REACHED -> DenialReason.REVISION_NOT_REACHED;
            case SUSPENDED, ONLY_ME, BLOCKED, NOT_MUTUAL, NO_GRANT, REVOKED, EXPIRED, USED_UP, PURPOSE_NOT_GRANTED ->
                    DenialReason.NOT_PERMITTED;
        };
    }
}
