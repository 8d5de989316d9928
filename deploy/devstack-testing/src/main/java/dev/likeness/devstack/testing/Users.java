package dev.likeness.devstack.testing;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * People made for one test through Keycloak's admin API, as the master realm's administrator,
 * so tests never depend on state another test left on alice or bob.
 */
public final class Users {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Users() {
    }

    /** A new person with role {@code user}; the password is the user name, as for the demo accounts. */
    public static String create() {
        return create("Test");
    }

    /** A new person with this first name, which alert texts show. */
    public static String create(String firstName) {
        String username = firstName.toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 13);
        String user = """
                {"username":"%1$s","enabled":true,"emailVerified":true,"email":"%1$s@example.com",
                 "firstName":"%2$s","lastName":"Person",
                 "credentials":[{"type":"password","value":"%1$s","temporary":false}]}""".formatted(username, firstName);
        KeycloakAdmin.send("POST", "/users", user, 201);
        String id = id(username);
        JsonNode role = json(KeycloakAdmin.send("GET", "/roles/user", null, 200));
        KeycloakAdmin.send("POST", "/users/" + id + "/role-mappings/realm", "[" + role + "]", 204);
        return username;
    }

    public static String id(String username) {
        JsonNode found = json(KeycloakAdmin.send("GET", "/users?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8), null, 200));
        return found.get(0).get("id").asText();
    }

    /** The user's attributes, as an admin sees them. */
    public static JsonNode attributes(String userId) {
        return json(KeycloakAdmin.send("GET", "/users/" + userId, null, 200)).path("attributes");
    }

    /** How many times an administrator (or a service account) updated the user. */
    public static int updates(String userId) {
        JsonNode events = json(KeycloakAdmin.send("GET", "/admin-events?operationTypes=UPDATE&resourceTypes=USER&resourcePath=users/" + userId
                + "&max=100", null, 200));
        return events.size();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
