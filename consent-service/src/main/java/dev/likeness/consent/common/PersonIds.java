package dev.likeness.consent.common;

/** What a person id looks like: a Keycloak subject (a UUID) or a platform's client id, never free text. */
public final class PersonIds {

    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._@:-]*";
    public static final String MESSAGE = "must be a person id: letters, digits and . _ @ : -";

    private PersonIds() {
    }
}
