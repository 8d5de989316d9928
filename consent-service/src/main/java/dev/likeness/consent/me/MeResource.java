package dev.likeness.consent.me;

import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.likeness.kit.http.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.NonBlocking;

/**
 * Who the token says the caller is. Also the service's cheapest authenticated endpoint, the
 * baseline ("the limit") the check benchmark compares against.
 */
@Path("/v1/me")
@Tag(name = "Caller")
public class MeResource {

    public record Me(String id, String username, Set<String> roles) {
    }

    @Inject JsonWebToken token;
    @Inject SecurityIdentity identity;

    @GET
    @NonBlocking
    @RolesAllowed({Roles.USER, Roles.PLATFORM, Roles.TRUST_SAFETY})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "whoAmI", summary = "The caller's id (token subject), name and roles")
    public Me me() {
        return new Me(token.getSubject(), token.getClaim("preferred_username"), new TreeSet<>(identity.getRoles()));
    }
}
