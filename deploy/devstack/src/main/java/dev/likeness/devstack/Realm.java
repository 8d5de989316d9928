package dev.likeness.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The realm of deploy/keycloak/likeness-realm.json, ready to import with this machine's secrets. */
public final class Realm {

    public static final String NAME = "likeness";
    /** The master realm's administrator that Keycloak bootstraps on first start. */
    public static final String ADMIN_USER = "admin";

    private Realm() {
    }

    public static String render(Secrets secrets) {
        try (InputStream in = Realm.class.getResourceAsStream("likeness-realm.json")) {
            return secrets.render(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("likeness-realm.json is missing from the devstack jar", e);
        }
    }
}
