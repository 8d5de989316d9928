package dev.likeness.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URL;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import dev.likeness.consent.token.SigningKeys;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The published signing keys: public halves only, and a rotation keeps tokens signed by the retired key verifying until they expire. */
@QuarkusTest
class KeyRotationTest {

    @Inject SigningKeys keys;

    @TestHTTPResource("/.well-known/jwks.json")
    URL jwks;

    @Test
    void theJwksPublishesEachSigningKeyWithoutItsPrivateHalf() throws Exception {
        given().get("/.well-known/jwks.json").then().statusCode(200).contentType("application/jwk-set+json");
        List<JWK> published = JWKSet.load(jwks).getKeys();
        assertFalse(published.isEmpty());
        for (JWK key : published) {
            assertEquals(KeyType.EC, key.getKeyType());
            assertEquals(Curve.P_256, key.toECKey().getCurve());
            assertEquals(JWSAlgorithm.ES256, key.getAlgorithm());
            assertNotNull(key.getKeyID());
            assertFalse(key.isPrivate(), key.getKeyID() + " publishes its private half");
        }
    }

    @Test
    void afterARotationNewTokensUseTheNewKeyAndEarlierOnesStillVerify() throws Exception {
        UUID alices = ConsentModelTest.likeness("alice", "EVERYONE");
        String before = Consents.check("bob", List.of(alices), "draft").getString("consentToken");
        String retired = SignedJWT.parse(before).getHeader().getKeyID();

        String next = keys.rotate(retired).await().indefinitely();
        assertNotEquals(retired, next);
        assertEquals(next, keys.rotate(retired).await().indefinitely(), "a key is retired once");
        given().get("/.well-known/jwks.json").then().statusCode(200).body("keys.kid", hasItems(retired, next));

        String after = Consents.check("bob", List.of(alices), "draft").getString("consentToken");
        assertEquals(next, SignedJWT.parse(after).getHeader().getKeyID());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier((type, context) -> { });
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                new ImmutableJWKSet<>(JWKSet.load(jwks))));
        processor.process(before, null);
        processor.process(after, null);

        Consents.register("bob", List.of(alices), before).then().statusCode(201);
        Consents.register("bob", List.of(alices), after).then().statusCode(201);
    }
}
