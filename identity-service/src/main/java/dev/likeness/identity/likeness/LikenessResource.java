package dev.likeness.identity.likeness;

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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.likeness.kit.http.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Likenesses and their lifecycle. An owner's own likenesses only: another person's, or a deleted
 * one, answers 404, so its existence is not leaked. Trust and safety act on any.
 */
@Path("/v1/likenesses")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Likenesses")
public class LikenessResource {

    @Inject LikenessRepository likenesses;
    @Inject LikenessService lifecycle;
    @Inject SecurityIdentity identity;
    @Inject JsonWebToken caller;

    @GET
    @WithSession
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "listMyLikenesses", summary = "The caller's likenesses, verified or suspended")
    public Uni<List<LikenessView>> mine() {
        return likenesses.ownedBy(caller.getSubject()).map(list -> list.stream().map(LikenessView::of).toList());
    }

    @GET
    @Path("{likenessId}/reference-image")
    @RolesAllowed(Roles.USER)
    @Produces("image/jpeg")
    @Operation(operationId = "getReferenceImage", summary = "The owner's reference image: the face kept from the capture",
            description = "Decrypted for the owner only; gone once the likeness is deleted (service README, Biometric data).")
    @APIResponse(responseCode = "200", description = "The face, as JPEG", content = @Content(mediaType = "image/jpeg",
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such likeness for the caller, or no reference image")
    public Uni<Response> referenceImage(@PathParam("likenessId") UUID likenessId) {
        return lifecycle.referenceImage(likenessId, caller.getSubject())
                .map(image -> Response.ok(image.bytes(), image.mediaType()).header("Cache-Control", "no-store").build());
    }

    @GET
    @Path("{likenessId}")
    @RolesAllowed({Roles.USER, Roles.TRUST_SAFETY})
    @Operation(operationId = "getLikeness", summary = "A likeness with its status, and why it is suspended",
            description = "The owner's own likeness; trust and safety may read any, deleted ones included.")
    @APIResponse(responseCode = "200", description = "The likeness", content = @Content(schema = @Schema(implementation = LikenessView.class)))
    @APIResponse(responseCode = "404", description = "No such likeness for the caller")
    public Uni<LikenessView> get(@PathParam("likenessId") UUID likenessId) {
        Uni<Likeness> likeness = trustSafety() ? lifecycle.getAny(likenessId) : lifecycle.getOwn(likenessId, caller.getSubject());
        return likeness.map(LikenessView::of);
    }

    @POST
    @Path("{likenessId}/suspension")
    @RolesAllowed(Roles.TRUST_SAFETY)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "suspendLikeness", summary = "Suspend a verified likeness",
            description = """
                    Takes the likeness out of use until it is reinstated: consent checks for it are denied and its owner \
                    cannot enrol another. The reason (1 to 500 characters) is shown to the owner. Publishes \
                    dev.likeness.identity.likeness.suspended.v1.""")
    @APIResponse(responseCode = "200", description = "Suspended", content = @Content(schema = @Schema(implementation = LikenessView.class)))
    @APIResponse(responseCode = "400", description = "No reason, or one longer than 500 characters")
    @APIResponse(responseCode = "409", description = "The likeness is not verified (already suspended, or deleted)")
    public Uni<LikenessView> suspend(@PathParam("likenessId") UUID likenessId, @Valid @NotNull SuspensionRequest request) {
        return lifecycle.suspend(likenessId, request.reason()).map(LikenessView::of);
    }

    @DELETE
    @Path("{likenessId}/suspension")
    @RolesAllowed(Roles.TRUST_SAFETY)
    @Operation(operationId = "reinstateLikeness", summary = "Lift a likeness' suspension",
            description = "The likeness is verified again. Publishes dev.likeness.identity.likeness.reinstated.v1.")
    @APIResponse(responseCode = "200", description = "Reinstated", content = @Content(schema = @Schema(implementation = LikenessView.class)))
    @APIResponse(responseCode = "409", description = "The likeness is not suspended")
    public Uni<LikenessView> reinstate(@PathParam("likenessId") UUID likenessId) {
        return lifecycle.reinstate(likenessId).map(LikenessView::of);
    }

    @DELETE
    @Path("{likenessId}")
    @RolesAllowed({Roles.USER, Roles.TRUST_SAFETY})
    @Operation(operationId = "deleteLikeness", summary = "Delete a likeness for good",
            description = """
                    By its owner, suspended or not, or by trust and safety. The likeness can never be used again; its \
                    owner may enrol a new one. Publishes dev.likeness.identity.likeness.deleted.v1.""")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such likeness for the caller, or already deleted")
    public Uni<Void> delete(@PathParam("likenessId") UUID likenessId) {
        return trustSafety() ? lifecycle.deleteAny(likenessId) : lifecycle.deleteOwn(likenessId, caller.getSubject());
    }

    private boolean trustSafety() {
        return identity.hasRole(Roles.TRUST_SAFETY);
    }
}
