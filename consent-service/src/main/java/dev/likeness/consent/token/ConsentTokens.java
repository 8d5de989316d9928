package dev.likeness.consent.token;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
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

    public record Issued(String token, OffsetDateTime expiresAt) {
    }

    /** A token that verified: signature, type, issuer, audience, expiry. Revisions are for the caller to compare. */
    public record Verified(UUID checkId, String requesterId, Purpose purpose, Set<ContentTag> contentTags,
                           Map<UUID, Long> revisions) {
    }

    private final SigningKeys keys;
    private final ConsentTokenConfig config;
    private final ConsentTokenVerifier verifier;

    ConsentTokens(SigningKeys keys, ConsentTokenConfig config) {
        this.keys = keys;
        this.config = config;
        this.verifier = new ConsentTokenVerifier(config.issuer(), keys::publicKey);
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
        return verifier.verify(token, platformId);
    }

    public static ProblemException mismatch(String detail) {
        return new ProblemException(422, "consent-token-mismatch", "Consent token mismatch", detail);
    }
}
