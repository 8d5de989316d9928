package dev.likeness.identity.likeness;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.likeness.identity.common.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@Path("/v1/likenesses")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Likenesses")
public class LikenessResource {

    private final LikenessRepository likenesses;
    private final JsonWebToken caller;

    LikenessResource(LikenessRepository likenesses, JsonWebToken caller) {
        this.likenesses = likenesses;
        this.caller = caller;
    }

    @GET
    @WithSession
    @Operation(operationId = "listMyLikenesses", summary = "The caller's likenesses")
    public Uni<List<LikenessView>> mine() {
        return likenesses.ownedBy(caller.getSubject()).map(list -> list.stream().map(LikenessView::of).toList());
    }
}
