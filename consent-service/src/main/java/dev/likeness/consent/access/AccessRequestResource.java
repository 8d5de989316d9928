package dev.likeness.consent.access;

import java.net.URI;
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

import dev.likeness.kit.http.Roles;
import dev.likeness.kit.paging.PageRequest;
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
            description = """
                    The owner is notified. 409 request-pending while an earlier request for the likeness waits, \
                    too-many-pending-requests while likeness.access.max-pending (20) wait for any likeness. 429 with \
                    Retry-After: request-cooldown for likeness.access.cooldown-after-denial (7 days) after the owner denied \
                    the caller's request, too-many-requests after likeness.access.max-requests-per-likeness (3) requests for \
                    the likeness within likeness.access.request-window (24 hours), withdrawn ones included.""")
    @APIResponse(responseCode = "201", description = "Asked", content = @Content(schema = @Schema(implementation = AccessRequestView.class)))
    @APIResponse(responseCode = "409", description = "request-pending or too-many-pending-requests")
    @APIResponse(responseCode = "429", description = "request-cooldown or too-many-requests; retry after Retry-After",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds until the caller may ask for the likeness again"))
    public Uni<Response> ask(@Valid @NotNull NewAccessRequest ask) {
        return requests.ask(ask, caller.getSubject()).map(request -> Response
                .created(URI.create("/v1/access-requests/" + request.id)).entity(AccessRequestView.of(request)).build());
    }

    @GET
    @Operation(operationId = "listMyAccessRequests", summary = "The caller's requests, newest first, paged")
    @APIResponse(responseCode = "200", description = "A page of requests",
            headers = @Header(name = HttpHeaders.LINK, description = PageRequest.NEXT_LINK))
    public Uni<RestResponse<List<AccessRequestView>>> mine(@Valid @BeanParam PageRequest page) {
        return requests.sentBy(caller.getSubject(), page.after(), page.limit())
                .map(found -> page.answer(found.map(AccessRequestView::of)));
    }

    @DELETE
    @Path("{requestId}")
    @Operation(operationId = "withdrawAccessRequest", summary = "Withdraw a pending request (a decided one stays)")
    public Uni<AccessRequestView> withdraw(@PathParam("requestId") UUID requestId) {
        return requests.withdraw(requestId, caller.getSubject()).map(AccessRequestView::of);
    }
}
