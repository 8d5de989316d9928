package dev.likeness.consent.likeness;

/**
 * Who may feature a likeness, on top of the owner. Consent is opt-in: a new likeness is
 * {@link #ONLY_ME}. MUTUALS (people who follow each other, as the platform reports) comes with
 * the platform follow feed.
 */
public enum Audience {
    /** Nobody but the owner. */
    ONLY_ME,
    /** People the owner granted, for the purposes granted. */
    APPROVED,
    /** Anybody not blocked. */
    EVERYONE
}
