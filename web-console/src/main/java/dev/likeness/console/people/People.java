package dev.likeness.console.people;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.UserRepresentation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The realm's people as the console shows them: a user name typed in a form becomes the
 * Keycloak subject the services take, and every subject a service answers with is shown by its
 * display name. Read through the console client's service account (view-users); names are
 * cached briefly and boundedly. While Keycloak is unreachable people show as their user name or "?".
 */
@ApplicationScoped
public class People {

    private static final Logger LOG = Logger.getLogger(People.class);

    public record Person(String id, String username, String displayName, String likenessId) {
    }

    private final Keycloak keycloak;
    private final String realm;
    private final Cache<String, Optional<Person>> byId = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(5)).build();

    People(Keycloak keycloak, @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.keycloak.admin-client.realm") String realm) {
        this.keycloak = keycloak;
        this.realm = realm;
    }

    /** The person with exactly this user name, if any (never a prefix or fuzzy match: no enumeration). */
    public Optional<Person> byUsername(String username) {
        String name = username == null ? "" : username.strip();
        if (name.isEmpty() || name.length() > 255) {
            return Optional.empty();
        }
        List<UserRepresentation> found = keycloak.realm(realm).users().searchByUsername(name, true);
        return found.stream().filter(user -> name.equalsIgnoreCase(user.getUsername())).findFirst().map(People::person);
    }

    public Optional<Person> byId(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        return byId.get(id, key -> {
            try {
                return Optional.of(person(keycloak.realm(realm).users().get(key).toRepresentation()));
            } catch (jakarta.ws.rs.NotFoundException gone) {
                return Optional.empty();
            } catch (RuntimeException unreachable) {
                LOG.debugf(unreachable, "no display name for %s", key);
                return null;
            }
        });
    }

    /**
     * First and last name, else the user name. An id Keycloak does not know as a person is a
     * platform's client id (drafts name their platform so), which is its name; an unknown
     * person's subject is never shown: "?".
     */
    public String name(String id) {
        Optional<Person> person = byId(id);
        if (person != null && person.isPresent()) {
            return person.get().displayName();
        }
        return id == null || SUBJECT.matcher(id).matches() ? "?" : id;
    }

    private static final java.util.regex.Pattern SUBJECT = java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-.*");

    private static Person person(UserRepresentation user) {
        String first = user.getFirstName() == null ? "" : user.getFirstName().strip();
        String last = user.getLastName() == null ? "" : user.getLastName().strip();
        String display = (first + " " + last).strip();
        String likeness = user.getAttributes() == null ? null
                : user.getAttributes().getOrDefault("likeness_id", List.of()).stream().findFirst().orElse(null);
        return new Person(user.getId(), user.getUsername(), display.isEmpty() ? user.getUsername() : display, likeness);
    }
}
