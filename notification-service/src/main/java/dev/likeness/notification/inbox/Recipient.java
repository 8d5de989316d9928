package dev.likeness.notification.inbox;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.likeness.kit.http.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/** Whose notifications a caller reads: a person by their subject, a platform by its client id (as events name it). */
public final class Recipient {

    private Recipient() {
    }

    public static String of(JsonWebToken token, SecurityIdentity identity) {
        return identity.hasRole(Roles.PLATFORM) ? token.getClaim("azp") : token.getSubject();
    }
}
