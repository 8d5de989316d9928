package dev.likeness.consent.likeness;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.likeness.consent.common.Roles;
import io.smallrye.mutiny.Uni;

/** A person's own likenesses. Another person's likeness answers 404: its existence is not leaked. */
@Path("/v1/likenesses")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Likenesses")
public class LikenessResource {

    private final LikenessService likenesses;
    private final JsonWebToken caller;

    LikenessResource(LikenessService likenesses, JsonWebToken caller) {
        this.likenesses = likenesses;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listMyLikenesses", summary = "The caller's likenesses (verified ones appear once identity-service has verified them)")
    public Uni<List<LikenessView>> mine() {
        return likenesses.ownedBy(caller.getSubject()).map(list -> list.stream().map(LikenessView::of).toList());
    }

    @GET
    @Path("{likenessId}")
    @Operation(operationId = "getLikeness", summary = "One of the caller's likenesses")
    public Uni<LikenessView> get(@PathParam("likenessId") UUID likenessId) {
        return likenesses.owned(likenessId, caller.getSubject()).map(LikenessView::of);
    }

    @PUT
    @Path("{likenessId}/audience")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setAudience", summary = "Choose who may feature the likeness",
            description = "Every change bumps the likeness' revision, so consent tokens issued before it stop working.")
    public Uni<LikenessView> setAudience(@PathParam("likenessId") UUID likenessId, @Valid @NotNull AudienceChange change) {
        return likenesses.changeAudience(likenessId, caller.getSubject(), change.audience()).map(LikenessView::of);
    }
}
