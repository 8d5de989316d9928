package dev.likeness.notification.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * People's display names, read from Keycloak with a service account that may only view users.
 * Blocking; {@link DisplayNames} caches it.
 */
@ApplicationScoped
public class Directory {

    @Inject Keycloak keycloak;
    @Inject @ConfigProperty(name = "quarkus.keycloak.admin-client.realm") String realm;

    /** First name, else user name; empty when the person no longer exists. */
    @ActivateRequestContext
    public String displayName(String userId) {
        try {
            UserRepresentation user = keycloak.realm(realm).users().get(userId).toRepresentation();
            return user.getFirstName() != null && !user.getFirstName().isBlank() ? user.getFirstName() : user.getUsername();
        } catch (NotFoundException gone) {
            return "";
        }
    }
}
