package dev.likeness.consent.check;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.likeness.kit.http.Codes;

/**
 * Why a check denies a likeness, as the platform is told. Any platform may check any person, so
 * a denial names only what the platform can act on; that a person is blocked, a grant revoked or
 * expired, or the likeness suspended is the owner's business: {@code not-permitted}. The owner
 * sees the precise {@link Reason} in the decision preview.
 */
public enum DenialReason {
    /** The likeness does not allow this requester for this purpose. */
    NOT_PERMITTED,
    /** No such likeness, or it was deleted. */
    UNKNOWN_LIKENESS,
    /** A declared content tag is one the owner forbids (named in forbiddenTags): without it the check may pass. */
    RESTRICTED_CONTENT,
    /** The check asked for a revision (atLeastRevision) this likeness has not reached. */
    REVISION_NOT_REACHED,
    /** requesterToken does not prove that the requester acts through this platform: nothing was read. */
    REQUESTER_UNPROVEN;

    @JsonValue
    public String code() {
        return Codes.of(this);
    }
}
