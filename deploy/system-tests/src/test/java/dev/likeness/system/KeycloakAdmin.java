package dev.likeness.system;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.likeness.devstack.StackInfo;
import dev.likeness.devstack.testing.TestStack;

/** The few admin calls the suites need on the stack's Keycloak, as the master realm's administrator. */
final class KeycloakAdmin {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeycloakAdmin() {
    }

    /** A copy of a client of the realm (same mappers, so the same audience and claims) whose access tokens live this many seconds. */
    static void ensureClientCopy(String original, String copy, String tokenLifespanSeconds) {
        if (send("GET", "/clients?clientId=" + copy, null).size() > 0) {
            return;
        }
        ObjectNode client = (ObjectNode) send("GET", "/clients?clientId=" + original, null).get(0);
        client.remove("id");
        client.put("clientId", copy);
        client.withObject("/attributes").put("access.token.lifespan", tokenLifespanSeconds);
        client.path("protocolMappers").forEach(mapper -> ((ObjectNode) mapper).remove("id"));
        send("POST", "/clients", client.toString());
    }

    private static JsonNode send(String method, String path, String body) {
        StackInfo.Keycloak keycloak = TestStack.info().keycloak();
        String token = BadTokens.post(keycloak.url() + "/realms/master/protocol/openid-connect/token",
                "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(keycloak.adminUser(), StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(keycloak.adminPassword(), StandardCharsets.UTF_8)).path("access_token").asText();
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloak.url() + "/admin/realms/" + keycloak.realm() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
            }
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
