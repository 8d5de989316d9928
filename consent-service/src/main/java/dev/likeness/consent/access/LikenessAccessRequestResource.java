package dev.likeness.consent.access;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.likeness.kit.http.Roles;
import dev.likeness.kit.paging.PageRequest;
import io.smallrye.mutiny.Uni;

/** The owner's side of access requests. */
@Path("/v1/likenesses/{likenessId}/access-requests")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Access requests")
public class LikenessAccessRequestResource {

    @Inject AccessRequestService requests;
    @Inject JsonWebToken caller;

    @GET
    @Operation(operationId = "listAccessRequests", summary = "Requests to feature the likeness, newest first, optionally by status, paged")
    @APIResponse(responseCode = "200", description = "A page of requests",
            headers = @Header(name = HttpHeaders.LINK, description = PageRequest.NEXT_LINK))
    public Uni<RestResponse<List<AccessRequestView>>> list(@PathParam("likenessId") UUID likenessId,
                                                           @QueryParam("status") AccessRequest.Status status,
                                                           @Valid @BeanParam PageRequest page) {
        return requests.ofLikeness(likenessId, caller.getSubject(), status, page.after(), page.limit())
                .map(found -> page.answer(found.map(AccessRequestView::of)));
    }

    @POST
    @Path("{requestId}/approval")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "approveAccessRequest", summary = "Approve: creates a grant (by default for the purposes asked)",
            description = "The requester is notified. 409 request-decided if already decided; grant-exists if a grant is in force.")
    public Uni<AccessRequestView> approve(@PathParam("likenessId") UUID likenessId, @PathParam("requestId") UUID requestId,
                                          @RequestBody(required = false, description = "Optional: without it, the defaults")
                                          @Valid Approval approval) {
        return requests.approve(likenessId, requestId, caller.getSubject(), approval == null ? new Approval(null, null, null) : approval)
                .map(AccessRequestView::of);
    }

    @POST
    @Path("{requestId}/denial")
    @Operation(operationId = "denyAccessRequest", summary = "Deny; the requester is notified")
    public Uni<AccessRequestView> deny(@PathParam("likenessId") UUID likenessId, @PathParam("requestId") UUID requestId) {
        return requests.deny(likenessId, requestId, caller.getSubject()).map(AccessRequestView::of);
    }
}
