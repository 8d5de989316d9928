package dev.likeness.consent.check;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a likeness may not be featured; stable codes platforms can act on. */
public enum Reason {
    /** No such likeness, or it was deleted. */
    UNKNOWN_LIKENESS("unknown-likeness"),
    /** Trust and safety suspended the likeness. */
    SUSPENDED("suspended"),
    /** The audience is ONLY_ME: nobody but the owner. */
    ONLY_ME("only-me"),
    /** The owner blocked the requester. */
    BLOCKED("blocked"),
    /** The audience is MUTUALS; the requester and the owner do not follow each other on this platform, and no grant. */
    NOT_MUTUAL("not-mutual"),
    /** The audience is APPROVED and the requester never had a grant. */
    NO_GRANT("no-grant"),
    /** The requester's grant was revoked. */
    REVOKED("revoked"),
    /** The requester's grant has expired. */
    EXPIRED("expired"),
    /** The requester's grant has no uses left. */
    USED_UP("used-up"),
    /** The grant does not cover the purpose asked for. */
    PURPOSE_NOT_GRANTED("purpose-not-granted"),
    /** The check declares a content tag the owner forbids. */
    RESTRICTED_CONTENT("restricted-content"),
    /** The check asked for a revision (atLeastRevision) this likeness has not reached. */
    REVISION_NOT_REACHED("revision-not-reached");

    private final String code;

    Reason(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }
}
