package dev.likeness.consent.grant;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.likeness.consent.token.ConsentTokenConfig;
import dev.likeness.kit.http.Roles;
import dev.likeness.kit.paging.PageRequest;
import io.smallrye.mutiny.Uni;

/** The owner's grants on one of their likenesses; for anyone else the likeness does not exist (404). */
@Path("/v1/likenesses/{likenessId}/grants")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Grants")
public class GrantResource {

    private final GrantService grants;
    private final JsonWebToken caller;
    private final String issuer;

    @Inject Clock clock;

    GrantResource(GrantService grants, JsonWebToken caller, ConsentTokenConfig tokens) {
        this.grants = grants;
        this.caller = caller;
        this.issuer = tokens.issuer();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createGrant", summary = "Allow a person to feature the likeness",
            description = "Takes effect while the audience is APPROVED (or EVERYONE). One grant per person is in force at a time.")
    @APIResponse(responseCode = "201", description = "The grant", content = @Content(schema = @Schema(implementation = GrantView.class)))
    public Uni<Response> create(@PathParam("likenessId") UUID likenessId, @Valid @NotNull GrantRequest request) {
        return grants.create(likenessId, caller.getSubject(), request).map(grant -> Response
                .created(URI.create("/v1/likenesses/" + likenessId + "/grants/" + grant.id))
                .entity(GrantView.of(grant, OffsetDateTime.now(clock)))
                .build());
    }

    @GET
    @Operation(operationId = "listGrants", summary = "The likeness' grants, in force and past, newest first, paged")
    @APIResponse(responseCode = "200", description = "A page of grants",
            headers = @Header(name = HttpHeaders.LINK, description = PageRequest.NEXT_LINK))
    public Uni<RestResponse<List<GrantView>>> list(@PathParam("likenessId") UUID likenessId, @Valid @BeanParam PageRequest page) {
        return grants.list(likenessId, caller.getSubject(), page.after(), page.limit())
                .map(found -> page.answer(found.map(grant -> GrantView.of(grant, OffsetDateTime.now(clock)))));
    }

    @DELETE
    @Operation(operationId = "revokeAllGrants", summary = "Revoke every grant in force at once",
            description = "One revision bump: every consent token issued before is refused from now on.")
    public Uni<RevokedCount> revokeAll(@PathParam("likenessId") UUID likenessId) {
        return grants.revokeAll(likenessId, caller.getSubject()).map(RevokedCount::new);
    }

    @Schema(name = "RevokedGrants")
    public record RevokedCount(int revoked) {
    }

    @GET
    @Path("{grantId}/receipt")
    @Operation(operationId = "getConsentReceipt", summary = "A consent receipt for the grant, after ISO/IEC TS 27560")
    public Uni<Receipt> receipt(@PathParam("likenessId") UUID likenessId, @PathParam("grantId") UUID grantId) {
        return grants.receipt(likenessId, grantId, caller.getSubject(), issuer);
    }

    @DELETE
    @Path("{grantId}")
    @Operation(operationId = "revokeGrant", summary = "Revoke a grant at once",
            description = "Bumps the likeness' revision: every consent token issued before is refused from now on.")
    public Uni<GrantView> revoke(@PathParam("likenessId") UUID likenessId, @PathParam("grantId") UUID grantId) {
        return grants.revoke(likenessId, grantId, caller.getSubject()).map(grant -> GrantView.of(grant, OffsetDateTime.now(clock)));
    }
}
