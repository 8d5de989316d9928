package dev.likeness.consent.protect;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.likeness.kit.http.Roles;
import dev.likeness.kit.paging.PageRequest;
import io.smallrye.mutiny.Uni;

/** Trust and safety's registry of people who may not be depicted without their own consent. */
@Path("/v1/protected-persons")
@RolesAllowed(Roles.TRUST_SAFETY)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Protected persons")
public class ProtectedPersonResource {

    @Inject ProtectedPersons registry;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addProtectedPerson", summary = "Protect a name and its aliases",
            description = "From now on a check mentioning any of them (case, accents and punctuation ignored) is denied "
                    + "unless subjectId's own likeness is in the scene and allows.")
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(schema = @Schema(implementation = ProtectedPersonView.class)))
    public Uni<Response> add(@Valid @NotNull ProtectedPersonRequest request) {
        return registry.create(request).map(person -> Response
                .created(URI.create("/v1/protected-persons/" + person.id)).entity(ProtectedPersonView.of(person)).build());
    }

    @GET
    @Operation(operationId = "listProtectedPersons",
            summary = "The registry, newest first, paged; q finds names and aliases starting with it")
    @APIResponse(responseCode = "200", description = "A page of the registry",
            headers = @Header(name = HttpHeaders.LINK, description = PageRequest.NEXT_LINK))
    public Uni<RestResponse<List<ProtectedPersonView>>> list(
            @QueryParam("q") @Size(max = 200) @Parameter(description = "A name or alias prefix; case, accents and look-alike letters ignored")
            String query,
            @Valid @BeanParam PageRequest page) {
        return registry.search(query, page.after(), page.limit()).map(found -> page.answer(found.map(ProtectedPersonView::of)));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getProtectedPerson", summary = "One entry of the registry")
    public Uni<ProtectedPersonView> get(@PathParam("id") UUID id) {
        return registry.get(id).map(ProtectedPersonView::of);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateProtectedPerson", summary = "Replace an entry (name, aliases, kind, subject, note)")
    public Uni<ProtectedPersonView> update(@PathParam("id") UUID id, @Valid @NotNull ProtectedPersonRequest request) {
        return registry.update(id, request).map(ProtectedPersonView::of);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "removeProtectedPerson", summary = "Lift the protection")
    public Uni<Void> remove(@PathParam("id") UUID id) {
        return registry.remove(id);
    }
}
