package dev.likeness.consent.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.likeness.kit.http.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Consent-token verification under arbitrary, altered and forged tokens. Keys are made fresh for
 * each run and published as {@link SigningKeys} publishes them (public halves by kid), so no
 * database is involved. Properties: nothing but a 422 consent-token problem ever escapes; only the
 * key a token names can have signed it; a changed token verifies only if what was signed is unchanged.
 */
class ConsentTokenVerifierFuzzTest {

    private static final String ISSUER = "urn:likeness:consent-service";
    private static final String PLATFORM = "likeness-platform-demo";
    private static final Set<String> PROBLEM_CODES = Set.of("consent-token-invalid", "consent-token-expired",
            "consent-token-mismatch");
    /** Algorithm names a header may claim. */
    private static final List<String> ALGORITHMS = List.of("ES256", "none", "None", "HS256", "HS512", "RS256", "PS256",
            "ES384", "ES512", "EdDSA", "ES256K", "");

    private static final EllipticCurveJsonWebKey SIGNER = ecKey();
    /** A second published key, as after a rotation: a token naming one key must not verify with the other's signature. */
    private static final EllipticCurveJsonWebKey RETIRED = ecKey();
    /** The attacker's key, never published. */
    private static final EllipticCurveJsonWebKey ATTACKER = ecKey();
    private static final KeyPair ED25519 = ed25519();

    private static final ConsentTokenVerifier VERIFIER = new ConsentTokenVerifier(ISSUER, published(SIGNER, RETIRED), Clock.systemUTC());
    private static final String VALID = sign(SIGNER, SIGNER.getKeyId(), claims(UUID.randomUUID().toString()));
    private static final ConsentTokens.Verified VALID_CONTENT = VERIFIER.verify(VALID, PLATFORM).await().indefinitely();

    @FuzzTest
    void anyTextIsRefusedAsInvalid(FuzzedDataProvider data) {
        assertInvalid(data.consumeRemainingAsString());
    }

    @FuzzTest
    void changedTokenVerifiesOnlyIfWhatWasSignedIsUnchanged(FuzzedDataProvider data) {
        StringBuilder token = new StringBuilder(VALID);
        int changes = data.consumeInt(0, 8);
        for (int i = 0; i < changes && token.length() > 0; i++) {
            int at = data.consumeInt(0, token.length() - 1);
            switch (data.consumeInt(0, 3)) {
                case 0 -> token.setCharAt(at, (char) (token.charAt(at) ^ (1 << data.consumeInt(0, 6))));
                case 1 -> token.setCharAt(at, data.consumeChar());
                case 2 -> token.insert(at, data.consumeChar());
                default -> token.deleteCharAt(at);
            }
        }
        ConsentTokens.Verified verified = verifyOrRefuse(token.toString());
        if (verified == null) {
            return;
        }
        // The signature covers header and payload as encoded: only the signature's own encoding may vary.
        assertEquals(signingInput(VALID), signingInput(token.toString()), "a changed header or payload verified");
        assertEquals(VALID_CONTENT, verified);
    }

    @FuzzTest
    void forgedTokenNeverVerifies(FuzzedDataProvider data) throws Exception {
        String kid = data.pickValue(List.of(SIGNER.getKeyId(), RETIRED.getKeyId()));
        String payload = claims(data.consumeString(64)).toJson();
        byte[] junkSignature = data.consumeBytes(80);

        // alg "none" (in any spelling), with or without a signature
        for (String none : List.of("none", "None", "NONE")) {
            assertInvalid(compact(header(none, kid), payload, ""));
            assertInvalid(compact(header(none, kid), payload, encode(junkSignature)));
        }
        // HS256 keyed with the public key in each form a confused verifier might use as an HMAC secret
        PublicJsonWebKey published = publicOnly(kid.equals(SIGNER.getKeyId()) ? SIGNER : RETIRED);
        byte[] der = published.getPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        for (byte[] secret : List.of(der, pem.getBytes(StandardCharsets.US_ASCII),
                published.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).getBytes(StandardCharsets.UTF_8))) {
            assertInvalid(hmac(header("HS256", kid), payload, secret));
        }
        // a real signature, but not by the key the kid names
        assertInvalid(sign(ATTACKER, kid, payload));
        assertInvalid(sign(kid.equals(SIGNER.getKeyId()) ? RETIRED : SIGNER, kid, payload));
        // the attacker's key carried in the header itself
        assertInvalid(signWithEmbeddedKey(kid, payload));
        // another algorithm family under a published kid
        assertInvalid(signEd25519(kid, payload));
        // encrypted to the published key (anyone can) instead of signed with it
        assertInvalid(encryptTo(published, kid, payload));
        // any claimed algorithm over junk
        assertInvalid(compact(header(data.pickValue(ALGORITHMS), kid), payload, encode(junkSignature)));
    }

    @FuzzTest
    void signedClaimsVerifyOrAreRefused(FuzzedDataProvider data) {
        boolean structured = data.consumeBoolean();
        if (!structured) {
            verifyOrRefuse(sign(SIGNER, SIGNER.getKeyId(), data.consumeRemainingAsString()));
            return;
        }
        String issuer = data.consumeBoolean() ? ISSUER : data.consumeString(40);
        String audience = data.consumeBoolean() ? PLATFORM : data.consumeString(40);
        long expiresIn = data.consumeLong(-3_600, 3_600);
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(data.consumeString(40));
        claims.setJwtId(data.consumeBoolean() ? UUID.randomUUID().toString() : data.consumeString(40));
        claims.setIssuedAt(NumericDate.now());
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + expiresIn));
        claims.setClaim("purpose", data.pickValue(List.of("draft", "publish", "remix", data.consumeString(12))));
        claims.setClaim("tags", data.pickValue(List.<Object>of(List.of("violence"), List.of(data.consumeString(12)),
                data.consumeString(12), data.consumeLong(), List.of(List.of()))));
        Map<String, Object> likeness = new LinkedHashMap<>();
        likeness.put("id", data.consumeBoolean() ? UUID.randomUUID().toString() : data.consumeString(40));
        likeness.put("rev", data.pickValue(List.<Object>of(data.consumeLong(), data.consumeDouble(), data.consumeString(8))));
        claims.setClaim("likenesses", data.pickValue(List.<Object>of(List.of(likeness), likeness, List.of("x"), 1)));

        ConsentTokens.Verified verified = verifyOrRefuse(sign(SIGNER, SIGNER.getKeyId(), claims.toJson()));
        if (verified != null) {
            assertEquals(ISSUER, issuer, "verified with another issuer");
            assertEquals(PLATFORM, audience, "verified for another platform");
            assertTrue(expiresIn > -30, "verified after it expired (beyond the 30 s clock skew)");
        }
    }

    /** Verifies; a refusal must be a 422 consent-token problem (answered null), anything else fails the test. */
    private static ConsentTokens.Verified verifyOrRefuse(String token) {
        try {
            ConsentTokens.Verified verified = VERIFIER.verify(token, PLATFORM).await().indefinitely();
            assertNotNull(verified);
            return verified;
        } catch (ProblemException e) {
            assertEquals(422, e.status());
            assertTrue(PROBLEM_CODES.contains(e.code()), e.code());
            return null;
        }
    }

    /** Not signed by the key it names: refused as invalid, never as expired or for another platform. */
    private static void assertInvalid(String token) {
        try {
            assertNull(VERIFIER.verify(token, PLATFORM).await().indefinitely(), "verified: " + token);
        } catch (ProblemException e) {
            assertEquals(422, e.status());
            assertEquals("consent-token-invalid", e.code());
        }
    }

    private static java.util.function.Function<String, Uni<Es256.Verifier>> published(EllipticCurveJsonWebKey... keys) {
        Map<String, Es256.Verifier> byKid = new HashMap<>();
        for (EllipticCurveJsonWebKey key : keys) {
            byKid.put(key.getKeyId(), Es256.verifier((java.security.interfaces.ECPublicKey) publicOnly(key).getPublicKey()));
        }
        return kid -> Uni.createFrom().item(byKid.get(kid));
    }

    /** As SigningKeys reads a published key: from its public JWK. */
    private static PublicJsonWebKey publicOnly(EllipticCurveJsonWebKey key) {
        try {
            return (PublicJsonWebKey) JsonWebKey.Factory.newJwk(key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims ConsentTokens.issue writes. */
    private static JwtClaims claims(String requester) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(PLATFORM);
        claims.setSubject(requester);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.now());
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + 300));
        claims.setClaim("purpose", "draft");
        claims.setStringListClaim("tags", "violence");
        claims.setClaim("likenesses", List.of(Map.of("id", UUID.randomUUID().toString(), "rev", 2)));
        return claims;
    }

    private static String sign(EllipticCurveJsonWebKey key, String kid, JwtClaims claims) {
        return sign(key, kid, claims.toJson());
    }

    private static String sign(EllipticCurveJsonWebKey key, String kid, String payload) {
        JsonWebSignature jws = jws(kid, payload, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKey(key.getPrivateKey());
        return serialize(jws);
    }

    private static String signWithEmbeddedKey(String kid, String payload) {
        JsonWebSignature jws = jws(kid, payload, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setJwkHeader(publicOnly(ATTACKER));
        jws.setKey(ATTACKER.getPrivateKey());
        return serialize(jws);
    }

    private static String signEd25519(String kid, String payload) {
        JsonWebSignature jws = jws(kid, payload, AlgorithmIdentifiers.EDDSA);
        jws.setKey(ED25519.getPrivate());
        return serialize(jws);
    }

    private static String encryptTo(PublicJsonWebKey key, String kid, String payload) throws JoseException {
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setPayload(payload);
        jwe.setKeyIdHeaderValue(kid);
        jwe.setHeader("typ", ConsentTokens.TYPE);
        jwe.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.ECDH_ES);
        jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_128_GCM);
        jwe.setKey(key.getPublicKey());
        return jwe.getCompactSerialization();
    }

    private static JsonWebSignature jws(String kid, String payload, String algorithm) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(payload);
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setHeader("typ", ConsentTokens.TYPE);
        return jws;
    }

    private static String serialize(JsonWebSignature jws) {
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmac(String header, String payload, byte[] secret) throws Exception {
        String input = encode(header.getBytes(StandardCharsets.UTF_8)) + "." + encode(payload.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return input + "." + encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String header(String algorithm, String kid) {
        return "{\"alg\":\"" + algorithm + "\",\"typ\":\"" + ConsentTokens.TYPE + "\",\"kid\":\"" + kid + "\"}";
    }

    private static String compact(String header, String payload, String signature) {
        return encode(header.getBytes(StandardCharsets.UTF_8)) + "." + encode(payload.getBytes(StandardCharsets.UTF_8))
                + "." + signature;
    }

    private static String signingInput(String token) {
        return token.substring(0, token.indexOf('.', token.indexOf('.') + 1));
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static EllipticCurveJsonWebKey ecKey() {
        try {
            EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            key.setKeyId(key.calculateBase64urlEncodedThumbprint("SHA-256"));
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
