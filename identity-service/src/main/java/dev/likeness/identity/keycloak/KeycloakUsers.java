package dev.likeness.identity.keycloak;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.Client;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.UserRepresentation;

import io.quarkus.keycloak.admin.client.common.runtime.KeycloakAdminClientConfig;

/**
 * The realm's users through Keycloak's admin API (blocking: call it from a worker thread).
 *
 * <p>The admin client Quarkus provides waits for Keycloak without limit; this one, made from the
 * same {@code quarkus.keycloak.admin-client.*} settings and Quarkus' REST client (TLS, JSON),
 * gives each call {@code likeness.keycloak.timeout}: Quarkus' REST client applies it to getting
 * a connection and to each wait for the answer, its token requests included.
 */
@Singleton
public class KeycloakUsers {

    /** What a change did. */
    public enum Outcome { UPDATED, UNCHANGED, NO_SUCH_USER }

    private static final Logger LOG = Logger.getLogger(KeycloakUsers.class);

    private final Keycloak admin;
    private final String realm;

    protected KeycloakUsers(KeycloakAdminClientConfig settings, KeycloakSyncConfig config) {
        Client http = Keycloak.getClientProvider().newRestEasyClient(null, null, false);
        http.property(QuarkusRestClientProperties.READ_TIMEOUT, config.timeout().toMillis());
        this.admin = KeycloakBuilder.builder()
                .serverUrl(settings.serverUrl().orElseThrow(() -> new IllegalStateException("quarkus.keycloak.admin-client.server-url is not set")))
                .realm(settings.realm())
                .clientId(settings.clientId())
                .clientSecret(settings.clientSecret().orElse(null))
                .username(settings.username().orElse(null))
                .password(settings.password().orElse(null))
                .scope(settings.scope().orElse(null))
                .grantType(settings.grantType().asString())
                .resteasyClient(http)
                .build();
        this.realm = settings.realm();
    }

    /** The user's attributes; empty when Keycloak has no such user. */
    public Optional<Map<String, List<String>>> attributes(String userId) {
        try {
            return Optional.of(attributesOf(user(userId).toRepresentation()));
        } catch (WebApplicationException answer) {
            if (KeycloakFailures.isNotFound(answer)) {
                return Optional.empty();
            }
            throw answer;
        }
    }

    /** Makes the user's attributes what {@code change} makes of them; a user they already describe is not written. */
    public Outcome change(String userId, UnaryOperator<Map<String, List<String>>> change) {
        UserResource user = user(userId);
        try {
            UserRepresentation representation = user.toRepresentation();
            Map<String, List<String>> current = attributesOf(representation);
            Map<String, List<String>> changed = change.apply(current);
            if (changed.equals(current)) {
                return Outcome.UNCHANGED;
            }
            representation.setAttributes(changed);
            user.update(representation);
            return Outcome.UPDATED;
        } catch (WebApplicationException answer) {
            if (KeycloakFailures.isNotFound(answer)) {
                LOG.warnf("Keycloak user %s no longer exists; nothing to update", userId);
                return Outcome.NO_SUCH_USER;
            }
            throw answer;
        }
    }

    /** Deletes the user, and their sessions with them; false when Keycloak has no such user (deleted already). */
    public boolean delete(String userId) {
        try {
            user(userId).remove();
            return true;
        } catch (WebApplicationException answer) {
            if (KeycloakFailures.isNotFound(answer)) {
                return false;
            }
            throw answer;
        }
    }

    @PreDestroy
    public void close() {
        admin.close();
    }

    private UserResource user(String userId) {
        return admin.realm(realm).users().get(userId);
    }

    private static Map<String, List<String>> attributesOf(UserRepresentation representation) {
        return representation.getAttributes() == null ? Map.of() : representation.getAttributes();
    }
}
