package dev.likeness.identity.keycloak;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.UserRepresentation;

/** The realm's users through Keycloak's admin client (blocking: call it from a worker thread). */
@ApplicationScoped
public class KeycloakUsers {

    private static final Logger LOG = Logger.getLogger(KeycloakUsers.class);

    @Inject Keycloak keycloak;
    @Inject @ConfigProperty(name = "quarkus.keycloak.admin-client.realm") String realm;

    /**
     * Sets the attributes to these values and removes the {@code removed} ones. Quarkus scopes the
     * admin client to a request; a Kafka consumer has none, so it opens one.
     */
    @ActivateRequestContext
    public void setAttributes(String userId, Map<String, String> values, String... removed) {
        UserResource user = keycloak.realm(realm).users().get(userId);
        UserRepresentation representation;
        try {
            representation = user.toRepresentation();
        } catch (NotFoundException gone) {
            LOG.warnf("Keycloak user %s no longer exists; nothing to update", userId);
            return;
        }
        Map<String, List<String>> attributes = representation.getAttributes() == null
                ? new HashMap<>() : new HashMap<>(representation.getAttributes());
        values.forEach((name, value) -> attributes.put(name, List.of(value)));
        for (String name : removed) {
            attributes.remove(name);
        }
        representation.setAttributes(attributes);
        user.update(representation);
    }
}
