package dev.likeness.consent.check;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

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
 * the owner included.
 */
@ApplicationScoped
public class RequesterProof {

    @Inject TenantIdentityProvider identities;

    /** Whether {@code token} proves that {@code personId} acts through {@code platformId}. */
    public Uni<Boolean> proves(String token, String personId, String platformId) {
        return identities.authenticate(new AccessTokenCredential(token))
                .map(identity -> identity.hasRole(Roles.USER)
                        && identity.getPrincipal() instanceof JsonWebToken jwt
                        && personId.equals(jwt.getSubject())
                        && platformId != null && platformId.equals(jwt.getClaim("azp")))
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
}
