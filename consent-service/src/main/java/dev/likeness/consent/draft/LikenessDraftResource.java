package dev.likeness.consent.draft;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.likeness.kit.http.Roles;
import io.smallrye.mutiny.Uni;

/** Every draft featuring the owner's likeness, whoever made it, and removal requests. */
@Path("/v1/likenesses/{likenessId}/drafts")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Drafts")
public class LikenessDraftResource {

    @Inject DraftReads drafts;
    @Inject DraftRemoval removal;
    @Inject JsonWebToken caller;

    @GET
    @Operation(operationId = "listDraftsFeaturingMe", summary = "Drafts featuring the likeness, newest first, paged")
    public Uni<DraftView.Page> list(@PathParam("likenessId") UUID likenessId, @QueryParam("cursor") @Size(max = 200) String cursor,
                                    @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return drafts.featuring(likenessId, caller.getSubject(), cursor, limit).map(DraftView.Page::of);
    }

    @POST
    @Path("{draftId}/removal-request")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestDraftRemoval", summary = "Ask the platform to remove the draft",
            description = "The platform receives draft.removal-requested (event, and its webhook). Asking again changes nothing.")
    @APIResponse(responseCode = "202", description = "Asked", content = @Content(schema = @Schema(implementation = DraftView.class)))
    public Uni<Response> requestRemoval(@PathParam("likenessId") UUID likenessId, @PathParam("draftId") UUID draftId,
                                        @RequestBody(required = false, description = "Optional: a reason for the platform")
                                        @Valid RemovalRequestBody body) {
        return removal.requestRemoval(likenessId, draftId, caller.getSubject(), body == null ? null : body.reason())
                .map(registered -> Response.accepted(DraftView.of(registered)).build());
    }
}
