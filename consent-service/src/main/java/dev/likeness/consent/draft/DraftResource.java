package dev.likeness.consent.draft;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

import dev.likeness.consent.common.Problem;
import dev.likeness.consent.common.Roles;
import io.smallrye.mutiny.Uni;

/** Drafts a platform rendered; each featured likeness' owner is told. */
@Path("/v1/drafts")
@RolesAllowed(Roles.PLATFORM)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Drafts")
public class DraftResource {

    private final DraftService drafts;
    private final JsonWebToken caller;

    DraftResource(DraftService drafts, JsonWebToken caller) {
        this.drafts = drafts;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerDraft", summary = "Register a rendered draft with the consent token of its check",
            description = "Re-validates the token against the likenesses' current revisions and fails closed.")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = DraftView.class)))
    @APIResponse(responseCode = "200", description = "Already registered with the same content",
            content = @Content(schema = @Schema(implementation = DraftView.class)))
    @APIResponse(responseCode = "409", description = "consent-withdrawn: consent changed since the check; draft-exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "consent-token-invalid, consent-token-expired or consent-token-mismatch",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> register(@Valid @NotNull DraftRequest request) {
        return drafts.register(request, caller.getClaim("azp")).map(registered -> Response
                .status(registered.created() ? Response.Status.CREATED : Response.Status.OK)
                .location(URI.create("/v1/drafts/" + registered.draft().id))
                .entity(DraftView.of(registered.draft(), registered.featured()))
                .build());
    }

    @GET
    @Path("{draftId}")
    @Operation(operationId = "getDraft", summary = "A draft this platform registered")
    public Uni<DraftView> get(@PathParam("draftId") UUID draftId) {
        return drafts.get(draftId, caller.getClaim("azp")).map(r -> DraftView.of(r.draft(), r.featured()));
    }
}
