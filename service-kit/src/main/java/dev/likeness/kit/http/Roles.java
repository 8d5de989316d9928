package dev.likeness.kit.http;

/** Realm roles of the likeness realm, as {@code @RolesAllowed} names them. */
public final class Roles {

    public static final String USER = "user";
    public static final String PLATFORM = "platform";
    public static final String TRUST_SAFETY = "trust-safety";

    private Roles() {
    }
}
