package dev.likeness.system;

import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.likeness.devstack.Service;
import dev.likeness.devstack.StackInfo;
import dev.likeness.devstack.testing.TestStack;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.KeycloakAdmin;

/**
 * Bearer tokens and consent tokens that must never be accepted, made from real ones: forged,
 * expired, tampered, {@code alg: none}, HS256 keyed with the issuer's public key, another
 * audience or issuer, an attacker's key.
 */
final class BadTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BadTokens() {
    }

    /** Name → bearer token that every protected endpoint must answer with 401, built from the caller's real token. */
    static Map<String, String> bearer(String genuine) {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("garbage", "not-a-token");
        tokens.put("three-empty-parts", "..");
        tokens.put("alg-none", unsigned(genuine));
        tokens.put("forged-signature", flipSignature(genuine));
        tokens.put("tampered-subject", Tokens.forged(genuine));
        tokens.put("tampered-roles", withPayload(genuine, payload(genuine).put("scope", "openid")
                .set("realm_access", JSON.createObjectNode().set("roles", JSON.createArrayNode().add("user").add("platform").add("trust-safety")))));
        tokens.put("hs256-keyed-with-realm-public-key", hmacWithPublicKey(genuine, realmPublicKey(header(genuine).path("kid").asText())));
        tokens.put("attacker-rsa-key", signRs256(genuine, payload(genuine)));
        tokens.put("expired", expired());
        tokens.put("other-audience", Tokens.clientCredentials(StackInfo.IDENTITY_ADMIN_CLIENT));
        tokens.put("other-issuer", masterRealmToken());
        return tokens;
    }

    /** Name → consent token that draft registration and publication must refuse (422), built from a real one. */
    static Map<String, String> consent(String genuine) {
        Map<String, String> tokens = new LinkedHashMap<>();
        PrivateKey key = consentSigningKey();
        ObjectNode claims = payload(genuine);
        tokens.put("garbage", "not-a-token");
        tokens.put("access-token-of-keycloak", Tokens.platform());
        tokens.put("alg-none", unsigned(genuine));
        tokens.put("forged-signature", flipSignature(genuine));
        tokens.put("tampered-subject", Tokens.forged(genuine));
        tokens.put("tampered-purpose", withPayload(genuine, claims.deepCopy()
                .put("purpose", claims.path("purpose").asText().equals("publish") ? "draft" : "publish")));
        tokens.put("hs256-keyed-with-public-jwk", hmacWithPublicKey(genuine, consentPublicKey()));
        tokens.put("no-kid", signEs256(JSON.createObjectNode().put("alg", "ES256").put("typ", "likeness-consent+jwt"), claims, key));
        tokens.put("attacker-key-same-kid", signEs256(header(genuine), claims, attackerEcKey()));
        tokens.put("expired", signEs256(header(genuine), claims.deepCopy().put("iat", Instant.now().minusSeconds(3600).getEpochSecond())
                .put("exp", Instant.now().minusSeconds(1800).getEpochSecond()), key));
        tokens.put("other-platform", signEs256(header(genuine), claims.deepCopy().put("aud", "another-platform"), key));
        tokens.put("other-issuer", signEs256(header(genuine), claims.deepCopy().put("iss", "urn:attacker"), key));
        tokens.put("wrong-typ", signEs256(header(genuine).put("typ", "JWT"), claims, key));
        tokens.put("malformed-claims", signEs256(header(genuine), claims.deepCopy().put("likenesses", "all"), key));
        return tokens;
    }

    private static ObjectNode header(String token) {
        return part(token, 0);
    }

    private static ObjectNode payload(String token) {
        return part(token, 1);
    }

    private static ObjectNode part(String token, int index) {
        try {
            return (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a JWT", e);
        }
    }

    private static String encode(JsonNode json) {
        return B64.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String unsigned(String token) {
        return encode(header(token).put("alg", "none")) + "." + token.split("\\.")[1] + ".";
    }

    private static String flipSignature(String token) {
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x01;
        return parts[0] + "." + parts[1] + "." + B64.encodeToString(signature);
    }

    private static String withPayload(String token, JsonNode payload) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + encode(payload) + "." + parts[2];
    }

    /** The key-confusion attack: a verifier that takes alg from the token would check HMAC keyed with its own public key. */
    private static String hmacWithPublicKey(String token, byte[] publicKey) {
        String input = encode(header(token).put("alg", "HS256")) + "." + token.split("\\.")[1];
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(publicKey, "HmacSHA256"));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signRs256(String token, JsonNode payload) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair attacker = generator.generateKeyPair();
            String input = encode(header(token).put("alg", "RS256")) + "." + encode(payload);
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(attacker.getPrivate());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signEs256(JsonNode header, JsonNode payload, PrivateKey key) {
        try {
            String input = encode(header) + "." + encode(payload);
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey attackerEcKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The realm's RSA signing key, X.509-encoded: the bytes a confused verifier would use as an HMAC secret. */
    private static byte[] realmPublicKey(String kid) {
        JsonNode keys = getJson(TestStack.info().keycloak().issuer() + "/protocol/openid-connect/certs").path("keys");
        for (JsonNode key : keys) {
            if (key.path("kid").asText().equals(kid)) {
                try {
                    RSAPublicKey rsa = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                            new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText())),
                            new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asText()))));
                    return rsa.getEncoded();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("no realm key " + kid);
    }

    private static byte[] consentPublicKey() {
        return getJson(PackagedServices.url(Service.CONSENT) + "/.well-known/jwks.json").path("keys").get(0).toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * consent-service's active signing key, unwrapped from its table with the stack's key
     * encryption key: only a token signed by the real key reaches the checks after the signature
     * (expiry, audience, issuer, type, claims).
     */
    private static PrivateKey consentSigningKey() {
        try (Connection consent = Databases.connect(Service.CONSENT); Statement statement = consent.createStatement();
             ResultSet row = statement.executeQuery("SELECT kid, private_key FROM signing_key WHERE retired_at IS NULL")) {
            row.next();
            byte[] wrapped = row.getBytes("private_key");
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(TestStack.info().consentTokenKey()), "AES"),
                    new GCMParameterSpec(128, wrapped, 0, 12));
            cipher.updateAAD(row.getString("kid").getBytes(StandardCharsets.UTF_8));
            byte[] pkcs8 = cipher.doFinal(wrapped, 12, wrapped.length - 12);
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (SQLException | GeneralSecurityException e) {
            throw new IllegalStateException("consent-service's signing key", e);
        }
    }

    /**
     * A genuine access token of the realm that has expired: from a copy of the test client whose
     * tokens live one second.
     */
    private static String expired() {
        String clientId = "likeness-test-expiring";
        KeycloakAdmin.ensureClientCopy(TestStack.info().client(StackInfo.TEST_CLIENT).clientId(), clientId, "1");
        String token = passwordGrant(TestStack.info().keycloak().tokenEndpoint(), clientId);
        long expiresAt = payload(token).path("exp").asLong();
        while (Instant.now().getEpochSecond() <= expiresAt + 1) {
            sleep();
        }
        return token;
    }

    /** A genuine token of the same Keycloak, issued by the master realm. */
    private static String masterRealmToken() {
        StackInfo.Keycloak keycloak = TestStack.info().keycloak();
        return post(keycloak.url() + "/realms/master/protocol/openid-connect/token", "grant_type=password&client_id=admin-cli&username="
                + URLEncoder.encode(keycloak.adminUser(), StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(keycloak.adminPassword(), StandardCharsets.UTF_8)).path("access_token").asText();
    }

    private static String passwordGrant(String endpoint, String clientId) {
        return post(endpoint, "grant_type=password&client_id=" + clientId + "&username=dana&password=dana").path("access_token").asText();
    }

    static JsonNode post(String url, String form) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return json(request);
    }

    private static JsonNode getJson(String url) {
        return json(HttpRequest.newBuilder(URI.create(url)).build());
    }

    private static JsonNode json(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
