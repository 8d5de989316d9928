package dev.likeness.consent.check;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.http.Roles;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;

/**
 * Proof that a person asked the calling platform to act for them: their own access token for this
 * API, issued to that platform's client (by the platform's sign-in, or by exchanging a token the
 * person gave it, RFC 8693). It is verified like any bearer token of this service (signature
 * against the realm's cached keys, issuer, audience, expiry); then {@code sub} must be the person
 * named and {@code azp} the platform calling. Without it any platform could name any person,
 * the owner included. A platform sends a person's proof with each of their checks, so what a
 * verified proof says is kept, by the token's SHA-256, until it expires
 * ({@code likeness.check.cache.max-proofs}): a token that was never verified is never found there.
 */
@ApplicationScoped
public class RequesterProof {

    /** What a verified proof says. */
    private record Claims(String subject, String platform, boolean person, Instant expires) {

        boolean proves(String personId, String platformId) {
            return person && personId.equals(subject) && platformId != null && platformId.equals(platform);
        }
    }

    private final TenantIdentityProvider identities;
    private final Clock clock;
    private final Cache<String, Claims> verified;

    RequesterProof(TenantIdentityProvider identities, Clock clock, CheckCacheConfig config) {
        this.identities = identities;
        this.clock = clock;
        // Expiry is checked on each read; this only bounds how long an expired entry takes room.
        this.verified = Caffeine.newBuilder().maximumSize(config.maxProofs()).expireAfterWrite(Duration.ofHours(1)).build();
    }

    /** Whether {@code token} proves that {@code personId} acts through {@code platformId}. */
    public Uni<Boolean> proves(String token, String personId, String platformId) {
        String key = digest(token);
        Claims known = verified.getIfPresent(key);
        if (known != null && clock.instant().isBefore(known.expires())) {
            return Uni.createFrom().item(known.proves(personId, platformId));
        }
        return identities.authenticate(new AccessTokenCredential(token))
                .map(identity -> {
                    if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
                        return false;
                    }
                    Claims claims = new Claims(jwt.getSubject(), jwt.getClaim("azp"), identity.hasRole(Roles.USER),
                            Instant.ofEpochSecond(jwt.getExpirationTime()));
                    verified.put(key, claims);
                    return claims.proves(personId, platformId);
                })
                .onFailure(AuthenticationFailedException.class).recoverWithItem(false);
    }

    /** Fails with 403 {@code requester-unproven} unless {@code token} proves {@code personId} on {@code platformId}. */
    public Uni<Void> require(String token, String personId, String platformId, String field) {
        return proves(token, personId, platformId).invoke(proven -> {
            if (!proven) {
                throw new ProblemException(403, DenialReason.REQUESTER_UNPROVEN.code(), "Requester not proven",
                        field + " is not a valid token of this person issued to this platform's client");
            }
        }).replaceWithVoid();
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
