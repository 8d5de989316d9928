package dev.likeness.consent.token;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwa.AlgorithmConstraints;
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

import dev.likeness.consent.common.ProblemException;
import dev.likeness.consent.grant.Purpose;
import dev.likeness.consent.likeness.ContentTag;
import io.smallrye.mutiny.Uni;

/**
 * Consent tokens: compact JWS (ES256, {@code typ: likeness-consent+jwt}) naming the platform
 * ({@code aud}), the requester ({@code sub}), the purpose, the content tags checked and each likeness with
 * the revision the check saw. Any JOSE library verifies them with the keys at {@code /.well-known/jwks.json}.
 */
@ApplicationScoped
public class ConsentTokens {

    public static final String TYPE = "likeness-consent+jwt";
    private static final int CLOCK_SKEW_SECONDS = 30;

    public record Issued(String token, OffsetDateTime expiresAt) {
    }

    /** A token that verified: signature, type, issuer, audience, expiry. Revisions are for the caller to compare. */
    public record Verified(UUID checkId, String requesterId, Purpose purpose, Set<ContentTag> contentTags,
                           Map<UUID, Long> revisions) {
    }

    private final SigningKeys keys;
    private final ConsentTokenConfig config;

    ConsentTokens(SigningKeys keys, ConsentTokenConfig config) {
        this.keys = keys;
        this.config = config;
    }

    public Issued issue(UUID checkId, String platformId, String requesterId, Purpose purpose, Set<ContentTag> contentTags,
                        Map<UUID, Long> revisions) {
        SigningKeys.Active key = keys.active();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(config.issuer());
        claims.setAudience(platformId);
        claims.setSubject(requesterId);
        claims.setJwtId(checkId.toString());
        NumericDate issuedAt = NumericDate.now();
        NumericDate expiresAt = NumericDate.fromSeconds(issuedAt.getValue() + config.ttl().toSeconds());
        claims.setIssuedAt(issuedAt);
        claims.setExpirationTime(expiresAt);
        claims.setClaim("purpose", purpose.value());
        claims.setStringListClaim("tags", contentTags.stream().map(ContentTag::code).toList());
        claims.setClaim("likenesses", revisions.entrySet().stream()
                .map(entry -> Map.of("id", entry.getKey().toString(), "rev", entry.getValue())).toList());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.key());
        jws.setKeyIdHeaderValue(key.kid());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setHeader("typ", TYPE);
        try {
            return new Issued(jws.getCompactSerialization(),
                    OffsetDateTime.ofInstant(Instant.ofEpochSecond(expiresAt.getValue()), ZoneOffset.UTC));
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign a consent token", e);
        }
    }

    /** Fails with 422 problems: {@code consent-token-invalid}, {@code -expired} or {@code -mismatch}. */
    public Uni<Verified> verify(String token, String platformId) {
        String kid;
        try {
            kid = JsonWebStructure.fromCompactSerialization(token).getKeyIdHeaderValue();
        } catch (JoseException | RuntimeException e) {
            return Uni.createFrom().failure(invalid("not a compact JWS"));
        }
        if (kid == null) {
            return Uni.createFrom().failure(invalid("no key id (kid)"));
        }
        return keys.publicKey(kid).map(key -> {
            if (key == null) {
                throw invalid("signed by an unknown key");
            }
            try {
                JwtClaims claims = new JwtConsumerBuilder()
                        .setVerificationKey(key.getPublicKey())
                        .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                        .setExpectedType(true, TYPE)
                        .setExpectedIssuer(config.issuer())
                        .setExpectedAudience(platformId)
                        .setRequireExpirationTime()
                        .setRequireIssuedAt()
                        .setRequireSubject()
                        .setRequireJwtId()
                        .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                        .build()
                        .processToClaims(token);
                return verified(claims);
            } catch (InvalidJwtException e) {
                if (e.hasExpired()) {
                    throw new ProblemException(422, "consent-token-expired", "Consent token expired",
                            "The consent token has expired; check again");
                }
                if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID)) {
                    throw mismatch("The consent token was issued to another platform");
                }
                throw invalid("signature, type or claims do not verify");
            }
        });
    }

    private static Verified verified(JwtClaims claims) {
        try {
            Map<UUID, Long> revisions = new LinkedHashMap<>();
            for (Object item : claims.getClaimValue("likenesses", List.class)) {
                Map<?, ?> likeness = (Map<?, ?>) item;
                revisions.put(UUID.fromString((String) likeness.get("id")), ((Number) likeness.get("rev")).longValue());
            }
            Set<ContentTag> tags = EnumSet.noneOf(ContentTag.class);
            claims.getStringListClaimValue("tags").forEach(tag -> tags.add(ContentTag.of(tag)));
            return new Verified(UUID.fromString(claims.getJwtId()), claims.getSubject(),
                    Purpose.of(claims.getStringClaimValue("purpose")), tags, revisions);
        } catch (MalformedClaimException | RuntimeException e) {
            throw invalid("malformed claims");
        }
    }

    public static ProblemException mismatch(String detail) {
        return new ProblemException(422, "consent-token-mismatch", "Consent token mismatch", detail);
    }

    private static ProblemException invalid(String why) {
        return new ProblemException(422, "consent-token-invalid", "Invalid consent token", "The consent token is invalid: " + why);
    }
}
