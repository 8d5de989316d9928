package dev.likeness.consent.likeness;

/**
 * Who may feature a likeness, on top of the owner. Consent is opt-in: a new likeness is
 * {@link #ONLY_ME}. Grants admit their grantee under APPROVED and MUTUALS; a block excludes a
 * person under any audience.
 */
public enum Audience {
    /** Nobody but the owner. */
    ONLY_ME,
    /** People the owner granted, for the purposes granted. */
    APPROVED,
    /** People who follow the owner and whom the owner follows, on the checking platform; and grantees. */
    MUTUALS,
    /** Anybody not blocked. Not for teen accounts. */
    EVERYONE
}
