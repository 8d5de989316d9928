package dev.likeness.consent.grant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.likeness.kit.http.Roles;
import io.smallrye.mutiny.Uni;

/** The grantee's side of grants: the likenesses the caller may feature. */
@Path("/v1/grants")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Grants")
public class HeldGrantResource {

    @Inject GrantService grants;
    @Inject JsonWebToken caller;

    @GET
    @Operation(operationId = "listHeldGrants", summary = "Grants the caller holds that are in force, newest first, paged",
            description = "Not revoked, expired or used up. A grant on a suspended likeness is listed with likenessStatus "
                    + "SUSPENDED (checks are denied meanwhile); a deleted likeness' grants were revoked with it.")
    public Uni<HeldGrantView.Page> list(@QueryParam("cursor") @Size(max = 200) String cursor,
                                        @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(100) int limit) {
        return grants.heldBy(caller.getSubject(), cursor, limit).map(HeldGrantView.Page::of);
    }
}
