package dev.likeness.consent.draft;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.likeness.consent.check.RequesterProof;
import dev.likeness.kit.http.Roles;
import io.smallrye.mutiny.Uni;

/** Drafts a platform rendered; each featured likeness' owner is told. */
@Path("/v1/drafts")
@RolesAllowed(Roles.PLATFORM)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Drafts")
public class DraftResource {

    @Inject DraftRegistration registration;
    @Inject RequesterProof proof;
    @Inject DraftReads drafts;
    @Inject DraftPublication publication;
    @Inject DraftRemoval removal;
    @Inject JsonWebToken caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerDraft", summary = "Register a rendered draft with the consent token of its check",
            description = "Re-validates the token against the likenesses' current revisions and fails closed.")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = DraftView.class)))
    @APIResponse(responseCode = "200", description = "Already registered with the same content",
            content = @Content(schema = @Schema(implementation = DraftView.class)))
    @APIResponse(responseCode = "403", description = "requester-unproven: creatorToken is not the creator's token issued to this platform's client")
    @APIResponse(responseCode = "409", description = "consent-withdrawn: consent changed since the check; draft-exists")
    @APIResponse(responseCode = "422", description = "consent-token-invalid, consent-token-expired or consent-token-mismatch")
    public Uni<Response> register(@Valid @NotNull DraftRequest request) {
        String platform = caller.getClaim("azp");
        return proof.require(request.creatorToken(), request.creatorId(), platform, "creatorToken")
                .chain(() -> registration.register(request, platform))
                .map(registered -> Response
                .status(registered.created() ? Response.Status.CREATED : Response.Status.OK)
                .location(URI.create("/v1/drafts/" + registered.draft().id))
                .entity(DraftView.of(registered))
                .build());
    }

    @GET
    @Operation(operationId = "listDrafts", summary = "This platform's drafts, newest first; e.g. status=REMOVAL_REQUESTED")
    public Uni<DraftView.Page> list(@QueryParam("status") Draft.Status status, @QueryParam("cursor") @Size(max = 200) String cursor,
                                    @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return drafts.ofPlatform(caller.getClaim("azp"), status, cursor, limit).map(DraftView.Page::of);
    }

    @GET
    @Path("{draftId}")
    @Operation(operationId = "getDraft", summary = "A draft this platform registered")
    public Uni<DraftView> get(@PathParam("draftId") UUID draftId) {
        return drafts.get(draftId, caller.getClaim("azp")).map(DraftView::of);
    }

    @POST
    @Path("{draftId}/publication")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "publishDraft", summary = "The publish-time re-check: publish only if consent still holds",
            description = "Needs the consent token of a check for purpose publish, for the draft's creator and likenesses; "
                    + "re-validated against current revisions like at registration. Publishing again answers the draft.")
    @APIResponse(responseCode = "409", description = "consent-withdrawn; draft-removal: removal was requested or done")
    public Uni<DraftView> publish(@PathParam("draftId") UUID draftId, @Valid @NotNull Publication body) {
        return publication.publish(draftId, body.consentToken(), caller.getClaim("azp")).map(DraftView::of);
    }

    @POST
    @Path("{draftId}/removal")
    @Operation(operationId = "markDraftRemoved", summary = "The platform took the draft down (idempotent)")
    public Uni<DraftView> removed(@PathParam("draftId") UUID draftId) {
        return removal.markRemoved(draftId, caller.getClaim("azp")).map(DraftView::of);
    }
}
