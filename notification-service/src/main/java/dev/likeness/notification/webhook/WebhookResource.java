package dev.likeness.notification.webhook;

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
import jakarta.ws.rs.PUT;
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
import dev.likeness.notification.inbox.Recipient;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The caller's webhook endpoints (people and platforms); another caller's answer 404. */
@Path("/v1/webhooks")
@RolesAllowed({Roles.USER, Roles.PLATFORM})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class WebhookResource {

    @Inject Webhooks webhooks;
    @Inject JsonWebToken token;
    @Inject SecurityIdentity identity;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createEndpoint", summary = "Register an endpoint; the answer carries its whsec_ secret, shown only now")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = EndpointView.class)))
    @APIResponse(responseCode = "409", description = "The owner has likeness.webhooks.max-endpoints endpoints already (too-many-endpoints)")
    public Uni<Response> create(@NotNull @Valid EndpointRequest request) {
        return webhooks.create(owner(), request)
                .map(created -> Response.created(URI.create("/v1/webhooks/" + created.id())).entity(created).build());
    }

    @GET
    @Operation(operationId = "listEndpoints", summary = "The caller's endpoints")
    public Uni<List<EndpointView>> list() {
        return webhooks.list(owner());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getEndpoint", summary = "One endpoint")
    public Uni<EndpointView> get(@PathParam("id") UUID id) {
        return webhooks.get(owner(), id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateEndpoint", summary = "Change an endpoint; enabled=true resumes a disabled one")
    public Uni<EndpointView> update(@PathParam("id") UUID id, @NotNull @Valid EndpointRequest request) {
        return webhooks.update(owner(), id, request);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteEndpoint", summary = "Remove an endpoint and its delivery log")
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return webhooks.delete(owner(), id);
    }

    @POST
    @Path("/{id}/secret")
    @Operation(operationId = "rotateSecret", summary = "A new secret, shown once; the previous one also signs for 24 h")
    public Uni<EndpointView> rotate(@PathParam("id") UUID id) {
        return webhooks.rotate(owner(), id);
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "listDeliveries", summary = "The endpoint's delivery log, newest first, with every attempt, paged")
    @APIResponse(responseCode = "200", description = "A page of deliveries",
            headers = @Header(name = HttpHeaders.LINK, description = PageRequest.NEXT_LINK))
    public Uni<RestResponse<List<DeliveryView>>> deliveries(@PathParam("id") UUID id, @Valid @BeanParam PageRequest page) {
        return webhooks.deliveries(owner(), id, page.after(), page.limit()).map(page::answer);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/retry")
    @Operation(operationId = "redeliver", summary = "Send a delivery again now, with the same webhook-id")
    public Uni<Response> redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return webhooks.redeliver(owner(), id, deliveryId).map(view -> Response.accepted(view).build());
    }

    private String owner() {
        return Recipient.of(token, identity);
    }
}
