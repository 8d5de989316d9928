package dev.likeness.consent.likeness;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.likeness.consent.common.PersonIds;
import dev.likeness.kit.http.Roles;
import dev.likeness.kit.paging.PageRequest;
import io.smallrye.mutiny.Uni;

/** A person's own likenesses. Another person's likeness answers 404: its existence is not leaked. */
@Path("/v1/likenesses")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Likenesses")
public class LikenessResource {

    @Inject LikenessService likenesses;
    @Inject JsonWebToken caller;
    @Inject TeenConfig teens;

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
            description = """
                    Every change bumps the likeness' revision, so consent tokens issued before it stop working. \
                    Teen accounts (token claim likeness.teen.age-group-claim = teen) may not choose EVERYONE: 422 \
                    audience-not-allowed.""")
    public Uni<LikenessView> setAudience(@PathParam("likenessId") UUID likenessId, @Valid @NotNull AudienceChange change) {
        boolean teen = "teen".equals(caller.getClaim(teens.ageGroupClaim()));
        return likenesses.changeAudience(likenessId, caller.getSubject(), change.audience(), teen).map(LikenessView::of);
    }

    @PUT
    @Path("{likenessId}/restrictions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setRestrictions", summary = "Forbid content tags and set guidelines for renderers",
            description = "Replaces both. A check declaring a forbidden tag is denied (restricted-content); the guidelines "
                    + "come with every allowed check. A change bumps the revision.")
    public Uni<LikenessView> setRestrictions(@PathParam("likenessId") UUID likenessId, @Valid @NotNull Restrictions restrictions) {
        return likenesses.changeRestrictions(likenessId, caller.getSubject(), restrictions).map(LikenessView::of);
    }

    @GET
    @Path("{likenessId}/blocks")
    @Operation(operationId = "listBlocks", summary = "People blocked from featuring the likeness, newest first, paged")
    @APIResponse(responseCode = "200", description = "A page of blocks",
            headers = @Header(name = HttpHeaders.LINK, description = PageRequest.NEXT_LINK))
    public Uni<RestResponse<List<BlockView>>> blocks(@PathParam("likenessId") UUID likenessId, @Valid @BeanParam PageRequest page) {
        return likenesses.blocks(likenessId, caller.getSubject(), page.after(), page.limit())
                .map(found -> page.answer(found.map(BlockView::of)));
    }

    @PUT
    @Path("{likenessId}/blocks/{personId}")
    @Operation(operationId = "blockPerson", summary = "Block a person, whatever the audience and their grants",
            description = "Idempotent. Bumps the revision, so the person's consent tokens stop working.")
    public Uni<BlockView> block(@PathParam("likenessId") UUID likenessId,
                                @PathParam("personId") @Size(max = 255) @Pattern(regexp = PersonIds.PATTERN, message = PersonIds.MESSAGE)
                                String personId) {
        return likenesses.block(likenessId, caller.getSubject(), personId).map(BlockView::of);
    }

    @DELETE
    @Path("{likenessId}/blocks/{personId}")
    @Operation(operationId = "unblockPerson", summary = "Lift a block (idempotent)")
    public Uni<Void> unblock(@PathParam("likenessId") UUID likenessId,
                             @PathParam("personId") @Size(max = 255) @Pattern(regexp = PersonIds.PATTERN, message = PersonIds.MESSAGE)
                             String personId) {
        return likenesses.unblock(likenessId, caller.getSubject(), personId);
    }
}
