package dev.likeness.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.devstack.testing.KeycloakAdmin;
import dev.likeness.devstack.testing.TestStack;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;

/**
 * The peer: Keycloak Authorization Services deciding the same share. A resource server client
 * holds one resource per likeness (scope {@code draft}); a user policy names the grantee and a
 * scope permission ties them, as an owner sharing their likeness with one person would. The
 * decision is a UMA grant with {@code response_mode=decision}, asked with the grantee's token:
 * 200 {@code {"result":true}} when allowed.
 */
final class UmaPeer {

    static final String CLIENT = "likeness-uma-benchmark";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<String> resources;

    private UmaPeer(List<String> resources) {
        this.resources = resources;
    }

    /** Shares {@code count} likenesses, as Keycloak resources, with {@code grantee} for purpose draft. */
    static UmaPeer share(int count, String grantee) throws Exception {
        String client = KeycloakAdmin.create("/clients", """
                {"clientId":"%s","enabled":true,"publicClient":false,"secret":"%s","serviceAccountsEnabled":true,
                 "authorizationServicesEnabled":true}""".formatted(CLIENT, UUID.randomUUID()));
        String server = "/clients/" + client + "/authz/resource-server";
        List<String> names = IntStream.range(0, count).mapToObj(i -> "likeness-" + UUID.randomUUID()).toList();
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            ids.add(json(KeycloakAdmin.send("POST", server + "/resource",
                    "{\"name\":\"%s\",\"scopes\":[{\"name\":\"draft\"}]}".formatted(name), 201)).path("_id").asText());
        }
        String scope = json(KeycloakAdmin.send("GET", server + "/scope?name=draft&exact=true", null, 200)).get(0).path("id").asText();
        String policy = json(KeycloakAdmin.send("POST", server + "/policy/user",
                "{\"name\":\"shared with %s\",\"users\":[\"%s\"]}".formatted(grantee, Users.id(grantee)), 201)).path("id").asText();
        KeycloakAdmin.send("POST", server + "/permission/scope", """
                {"name":"%s may feature them in drafts","resources":%s,"scopes":["%s"],"policies":["%s"]}"""
                .formatted(grantee, JSON.writeValueAsString(ids), scope, policy), 201);
        return new UmaPeer(names);
    }

    /** The decision request for the first {@code count} shared likenesses, as {@code person}. */
    Wrk.Load decision(String person, int count) {
        return Wrk.Load.post(TestStack.info().keycloak().tokenEndpoint(), Tokens.freshUser(person),
                "application/x-www-form-urlencoded", List.of(form(count)));
    }

    /** Asks once outside the load, so a load of wrong answers cannot pass for a fast one. */
    void expectAllowed(String person, int count) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(TestStack.info().keycloak().tokenEndpoint()))
                .header("Authorization", "Bearer " + Tokens.freshUser(person))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(count))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(true, json(response.body()).path("result").asBoolean(), response.body());
    }

    private String form(int count) {
        return "grant_type=" + encode("urn:ietf:params:oauth:grant-type:uma-ticket") + "&audience=" + CLIENT
                + "&response_mode=decision&" + resources.subList(0, count).stream()
                .map(resource -> "permission=" + encode(resource + "#draft")).collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }
}
