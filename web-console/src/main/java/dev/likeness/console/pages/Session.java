package dev.likeness.console.pages;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.IdToken;
import io.quarkus.security.identity.SecurityIdentity;

/** Who is signed in, as their ID token says: shown in the header, never used to decide access. */
@RequestScoped
public class Session {

    @Inject
    @IdToken
    JsonWebToken idToken;
    @Inject
    SecurityIdentity identity;

    public String id() {
        return idToken.getSubject();
    }

    public String username() {
        return idToken.getClaim("preferred_username");
    }

    public String displayName() {
        String name = idToken.getClaim("name");
        return name == null || name.isBlank() ? username() : name;
    }

    /**
     * The likeness the ID token named at sign-in: a hint for asking early, stale once the person
     * deletes or enrols again; a page checks it against consent-service's answer before trusting it.
     */
    public Optional<UUID> likenessHint() {
        String id = idToken.getClaim("likeness_id");
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    public boolean teen() {
        return "teen".equals(idToken.getClaim("age_group"));
    }

    public boolean trustSafety() {
        return identity.hasRole("trust-safety");
    }

    public boolean person() {
        return identity.hasRole("user");
    }
}
