package dev.likeness.console.pages;


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
