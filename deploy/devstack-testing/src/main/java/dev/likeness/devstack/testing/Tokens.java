package dev.likeness.devstack.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.devstack.StackInfo;

/** Real access tokens from the stack's Keycloak, cached until shortly before they expire. */
public final class Tokens {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Token> CACHE = new ConcurrentHashMap<>();

    private record Token(String value, long expiresAtNanos) {
    }

    private Tokens() {
    }

    /** A demo person's token (alice, bob, carol: role user; dana: trust-safety); password = user name. */
    public static String user(String username) {
        return cached("user:" + username, () -> passwordGrant(username));
    }

    /** A token issued now, with the claims the user has now (e.g. after an attribute changed). */
    public static String freshUser(String username) {
        Token token = request(passwordGrant(username));
        CACHE.put("user:" + username, token);
        return token.value();
    }

    /** The token with another subject in its payload and the original signature: a forgery. */
    public static String forged(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replaceFirst("\"sub\":\"[^\"]+\"", "\"sub\":\"" + java.util.UUID.randomUUID() + "\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** A claim of a token's payload, as text. */
    public static String claim(String token, String name) {
        try {
            String payload = token.split("\\.")[1];
            return JSON.readTree(Base64.getUrlDecoder().decode(payload)).path(name).asText(null);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JWT", e);
        }
    }

    private static Map<String, String> passwordGrant(String username) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", stack().client(StackInfo.TEST_CLIENT).clientId());
        form.put("username", username);
        form.put("password", username);
        return form;
    }

    /** The demo platform's service-account token (role platform), by client credentials. */
    public static String platform() {
        return clientCredentials(StackInfo.PLATFORM_CLIENT);
    }

    /** A platform token issued now: valid for the token lifespan (5 min), e.g. for a long load. */
    public static String freshPlatform() {
        CACHE.remove("client:" + StackInfo.PLATFORM_CLIENT);
        return platform();
    }

    /**
     * Proof of the requester on the demo platform: the person's token exchanged by the platform's
     * client (RFC 8693), so {@code sub} is the person and {@code azp} the platform.
     */
    public static String requester(String username) {
        return cached("requester:" + username, () -> exchange(user(username)));
    }

    /** A proof issued now: valid for the token lifespan (5 min), e.g. for a long load. */
    public static String freshRequester(String username) {
        CACHE.remove("requester:" + username);
        return requester(username);
    }

    private static Map<String, String> exchange(String subjectToken) {
        StackInfo.Client platform = stack().client(StackInfo.PLATFORM_CLIENT);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
        form.put("client_id", platform.clientId());
        form.put("client_secret", platform.secret());
        form.put("subject_token", subjectToken);
        form.put("subject_token_type", "urn:ietf:params:oauth:token-type:access_token");
        form.put("requested_token_type", "urn:ietf:params:oauth:token-type:access_token");
        return form;
    }

    /** A service account's token, e.g. the identity admin client's, which holds none of our roles. */
    public static String clientCredentials(String clientKey) {
        return cached("client:" + clientKey, () -> {
            StackInfo.Client client = stack().client(clientKey);
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "client_credentials");
            form.put("client_id", client.clientId());
            form.put("client_secret", client.secret());
            return form;
        });
    }

    /** The {@code sub} claim: the person's id throughout the platform. */
    public static String subject(String token) {
        return claim(token, "sub");
    }

    public static String userId(String username) {
        return subject(user(username));
    }

    private interface Form {
        Map<String, String> get();
    }

    private static String cached(String key, Form form) {
        Token token = CACHE.get(key);
        if (token == null || System.nanoTime() > token.expiresAtNanos()) {
            token = request(form.get());
            CACHE.put(key, token);
        }
        return token.value();
    }

    private static Token request(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack().keycloak().tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
            }
            JsonNode json = JSON.readTree(response.body());
            long lifetime = Duration.ofSeconds(json.get("expires_in").asLong()).minusSeconds(30).toNanos();
            return new Token(json.get("access_token").asText(), System.nanoTime() + lifetime);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static StackInfo stack() {
        return TestStack.info();
    }
}
