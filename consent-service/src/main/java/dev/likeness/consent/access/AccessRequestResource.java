package dev.likeness.consent.access;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.likeness.kit.http.Roles;
import io.smallrye.mutiny.Uni;

/** The requester's side of access requests. */
@Path("/v1/access-requests")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Access requests")
public class AccessRequestResource {

    @Inject AccessRequestService requests;
    @Inject JsonWebToken caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestAccess", summary = "Ask the owner to let the caller feature a likeness",
            description = "The owner is notified. 409 request-pending while an earlier request waits.")
    @APIResponse(responseCode = "201", description = "Asked", content = @Content(schema = @Schema(implementation = AccessRequestView.class)))
    public Uni<Response> ask(@Valid @NotNull NewAccessRequest ask) {
        return requests.ask(ask, caller.getSubject()).map(request -> Response
                .created(URI.create("/v1/access-requests/" + request.id)).entity(AccessRequestView.of(request)).build());
    }

    @GET
    @Operation(operationId = "listMyAccessRequests", summary = "The caller's requests, newest first")
    public Uni<List<AccessRequestView>> mine() {
        return requests.sentBy(caller.getSubject()).map(list -> list.stream().map(AccessRequestView::of).toList());
    }

    @DELETE
    @Path("{requestId}")
    @Operation(operationId = "withdrawAccessRequest", summary = "Withdraw a pending request (a decided one stays)")
    public Uni<AccessRequestView> withdraw(@PathParam("requestId") UUID requestId) {
        return requests.withdraw(requestId, caller.getSubject()).map(AccessRequestView::of);
    }
}
