package dev.likeness.consent.follow;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.likeness.consent.common.PersonIds;
import dev.likeness.kit.http.Roles;
import io.smallrye.mutiny.Uni;

/** A platform reports its follow graph; MUTUALS admits people who follow each other on the checking platform. */
@Path("/v1/follows/{followerId}/{followeeId}")
@RolesAllowed(Roles.PLATFORM)
@Tag(name = "Follows")
public class FollowResource {

    @Inject FollowService follows;
    @Inject JsonWebToken caller;

    @PUT
    @Operation(operationId = "reportFollow", summary = "followerId now follows followeeId on this platform (idempotent)")
    public Uni<Void> follow(@PathParam("followerId") @Size(max = 255) @Pattern(regexp = PersonIds.PATTERN, message = PersonIds.MESSAGE)
                            String followerId,
                            @PathParam("followeeId") @Size(max = 255) @Pattern(regexp = PersonIds.PATTERN, message = PersonIds.MESSAGE)
                            String followeeId) {
        return follows.follow(caller.getClaim("azp"), followerId, followeeId);
    }

    @DELETE
    @Operation(operationId = "reportUnfollow", summary = "followerId no longer follows followeeId (idempotent)",
            description = "Consent tokens this platform issued on the mutual follow of the two people stop working; "
                    + "the likenesses' revisions and other platforms' tokens do not change.")
    public Uni<Void> unfollow(@PathParam("followerId") @Size(max = 255) @Pattern(regexp = PersonIds.PATTERN, message = PersonIds.MESSAGE)
                              String followerId,
                              @PathParam("followeeId") @Size(max = 255) @Pattern(regexp = PersonIds.PATTERN, message = PersonIds.MESSAGE)
                              String followeeId) {
        return follows.unfollow(caller.getClaim("azp"), followerId, followeeId);
    }
}
