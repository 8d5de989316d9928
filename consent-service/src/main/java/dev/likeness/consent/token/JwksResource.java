package dev.likeness.consent.token;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.NonBlocking;

/** The public keys of consent tokens, as an RFC 7517 JWK Set. */
@Path("/.well-known/jwks.json")
@Tag(name = "Consent tokens")
public class JwksResource {

    @Inject SigningKeys keys;

    @GET
    @PermitAll
    @NonBlocking
    @Produces("application/jwk-set+json")
    @Operation(operationId = "jwks", summary = "Keys that verify consent tokens (ES256)")
    public Response jwks() {
        return Response.ok(keys.jwks()).header("Cache-Control", "public, max-age=300").build();
    }
}
