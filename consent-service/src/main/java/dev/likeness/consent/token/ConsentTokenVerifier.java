package dev.likeness.consent.token;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

import dev.likeness.consent.likeness.ContentTag;
import dev.likeness.consent.purpose.Purpose;
import dev.likeness.kit.http.Codes;
import dev.likeness.kit.http.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Verifies a consent token against the public key its {@code kid} names. Where keys come from is
 * the caller's ({@link SigningKeys} reads them from the database), so verification can be tested
 * and fuzzed alone.
 */
final class ConsentTokenVerifier {

    private static final int CLOCK_SKEW_SECONDS = 30;
    private static final String ES256 = AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    private final String issuer;
    /** The verifier of a key id's signatures, or null when the key is unknown. */
    private final Function<String, Uni<Es256.Verifier>> verifiers;
    /** The clock tokens are issued by, so expiry is judged on the same time. */
    private final Clock clock;

    ConsentTokenVerifier(String issuer, Function<String, Uni<Es256.Verifier>> verifiers, Clock clock) {
        this.issuer = issuer;
        this.verifiers = verifiers;
        this.clock = clock;
    }

    /**
     * Fails with 422 problems: {@code consent-token-invalid}, {@code -expired} or {@code -mismatch}.
     * The signature is checked first, over the token's header and payload exactly as sent; jose4j
     * then checks the claims of what is, byte for byte, a token this service signed.
     */
    Uni<ConsentTokens.Verified> verify(String token, String platformId) {
        String algorithm;
        String kid;
        try { // header values of another JSON type throw too
            JsonWebStructure jws = JsonWebStructure.fromCompactSerialization(token);
            algorithm = jws instanceof JsonWebSignature ? jws.getAlgorithmHeaderValue() : null;
            kid = jws.getKeyIdHeaderValue();
        } catch (JoseException | RuntimeException e) {
            return Uni.createFrom().failure(invalid("not a compact JWS"));
        }
        if (!ES256.equals(algorithm)) {
            return Uni.createFrom().failure(invalid("not signed with ES256"));
        }
        if (kid == null) {
            return Uni.createFrom().failure(invalid("no key id (kid)"));
        }
        return verifiers.apply(kid).map(verifier -> {
            if (verifier == null) {
                throw invalid("signed by an unknown key");
            }
            if (!signedBy(verifier, token)) {
                throw invalid("signature, type or claims do not verify");
            }
            try {
                JwtClaims claims = new JwtConsumerBuilder()
                        .setSkipSignatureVerification()
                        .setExpectedType(true, ConsentTokens.TYPE)
                        .setExpectedIssuer(issuer)
                        .setExpectedAudience(platformId)
                        .setRequireExpirationTime()
                        .setRequireIssuedAt()
                        .setRequireSubject()
                        .setRequireJwtId()
                        .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                        .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                        .build()
                        .processToClaims(token);
                return verified(claims);
            } catch (InvalidJwtException e) {
                if (e.hasExpired()) {
                    throw new ProblemException(422, "consent-token-expired", "Consent token expired",
                            "The consent token has expired; check again");
                }
                if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID)) {
                    throw ConsentTokens.mismatch("The consent token was issued to another platform");
                }
                throw invalid("signature, type or claims do not verify");
            }
        });
    }

    private static boolean signedBy(Es256.Verifier verifier, String token) {
        int end = token.lastIndexOf('.');
        byte[] signature;
        try {
            signature = BASE64URL.decode(token.substring(end + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return verifier.verify(token.substring(0, end).getBytes(StandardCharsets.US_ASCII), signature);
    }

    private static ConsentTokens.Verified verified(JwtClaims claims) {
        try {
            Map<UUID, Long> revisions = new LinkedHashMap<>();
            Map<UUID, Long> unfollows = new HashMap<>();
            for (Object item : claims.getClaimValue("likenesses", List.class)) {
                Map<?, ?> likeness = (Map<?, ?>) item;
                UUID id = UUID.fromString((String) likeness.get("id"));
                revisions.put(id, ((Number) likeness.get("rev")).longValue());
                if (likeness.get("unfollows") != null) {
                    unfollows.put(id, ((Number) likeness.get("unfollows")).longValue());
                }
            }
            Set<ContentTag> tags = EnumSet.noneOf(ContentTag.class);
            claims.getStringListClaimValue("tags").forEach(tag -> tags.add(Codes.parse(ContentTag.class, tag)));
            return new ConsentTokens.Verified(UUID.fromString(claims.getJwtId()), claims.getSubject(),
                    Codes.parse(Purpose.class, claims.getStringClaimValue("purpose")), tags, revisions, unfollows);
        } catch (MalformedClaimException | RuntimeException e) {
            throw invalid("malformed claims");
        }
    }

    private static ProblemException invalid(String why) {
        return new ProblemException(422, "consent-token-invalid", "Invalid consent token", "The consent token is invalid: " + why);
    }
}
