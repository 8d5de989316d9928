package dev.likeness.devstack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.likeness.devstack.StackInfo;

/** Keycloak's admin REST API on the test stack's realm, as the master realm's administrator. */
public final class KeycloakAdmin {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeycloakAdmin() {
    }

    /** Sends a request to {@code /admin/realms/<realm><path>}; answers the body, or fails on another status. */
    public static String send(String method, String path, String body, int expected) {
        StackInfo stack = TestStack.info();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.keycloak().url() + "/admin/realms/" + stack.keycloak().realm() + path))
                .header("Authorization", "Bearer " + adminToken(stack))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** Sends a request to create something; answers the new resource's id, the last segment of its Location. */
    public static String create(String path, String body) {
        StackInfo stack = TestStack.info();
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.keycloak().url() + "/admin/realms/" + stack.keycloak().realm() + path))
                .header("Authorization", "Bearer " + adminToken(stack))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + path + ": " + response.statusCode() + " " + response.body());
        }
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** A copy of a client of the realm (same mappers, so the same audience and claims) whose access tokens live this many seconds. */
    public static void ensureClientCopy(String original, String copy, String tokenLifespanSeconds) {
        if (json(send("GET", "/clients?clientId=" + copy, null, 200)).size() > 0) {
            return;
        }
        ObjectNode client = (ObjectNode) json(send("GET", "/clients?clientId=" + original, null, 200)).get(0);
        client.remove("id");
        client.put("clientId", copy);
        client.withObject("/attributes").put("access.token.lifespan", tokenLifespanSeconds);
        client.path("protocolMappers").forEach(mapper -> ((ObjectNode) mapper).remove("id"));
        send("POST", "/clients", client.toString(), 201);
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private static String adminToken(StackInfo stack) {
        String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(stack.keycloak().adminUser(), StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(stack.keycloak().adminPassword(), StandardCharsets.UTF_8);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(stack.keycloak().url() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("admin token: " + response.statusCode() + " " + response.body());
        }
        return json(response.body()).get("access_token").asText();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
