package dev.likeness.devstack.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.devstack.StackInfo;

/**
 * People made for one test through Keycloak's admin API, as the master realm's administrator,
 * so tests never depend on state another test left on alice or bob.
 */
public final class Users {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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
        send("POST", "/users", user, 201);
        String id = id(username);
        JsonNode role = json(send("GET", "/roles/user", null, 200));
        send("POST", "/users/" + id + "/role-mappings/realm", "[" + role + "]", 204);
        return username;
    }

    public static String id(String username) {
        JsonNode found = json(send("GET", "/users?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8), null, 200));
        return found.get(0).get("id").asText();
    }

    /** The user's attributes, as an admin sees them. */
    public static JsonNode attributes(String userId) {
        return json(send("GET", "/users/" + userId, null, 200)).path("attributes");
    }

    /** How many times an administrator (or a service account) updated the user. */
    public static int updates(String userId) {
        JsonNode events = json(send("GET", "/admin-events?operationTypes=UPDATE&resourceTypes=USER&resourcePath=users/" + userId
                + "&max=100", null, 200));
        return events.size();
    }

    private static String send(String method, String path, String body, int expected) {
        StackInfo stack = TestStack.info();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.keycloak().url() + "/admin/realms/" + stack.keycloak().realm() + path))
                .header("Authorization", "Bearer " + adminToken(stack))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String adminToken(StackInfo stack) {
        String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(stack.keycloak().adminUser(), StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(stack.keycloak().adminPassword(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.keycloak().url() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("admin token: " + response.statusCode() + " " + response.body());
            }
            return json(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
