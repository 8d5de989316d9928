package dev.likeness.consent.likeness;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.likeness.consent.ledger.Ledger;
import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.http.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/v1/likenesses/{likenessId}/ledger")
@Tag(name = "Ledger")
public class LedgerResource {

    @Inject Ledger ledger;
    @Inject LikenessRepository likenesses;
    @Inject SecurityIdentity identity;
    @Inject JsonWebToken caller;

    @GET
    @WithSession
    @RolesAllowed({Roles.USER, Roles.TRUST_SAFETY})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getLedger", summary = "The likeness' consent ledger and whether its hash chain verifies",
            description = "The owner's own likeness; trust and safety may read any, deleted ones included.")
    public Uni<LedgerView> get(@PathParam("likenessId") UUID likenessId) {
        Uni<Likeness> likeness = identity.hasRole(Roles.TRUST_SAFETY)
                ? likenesses.findById(likenessId)
                : likenesses.owned(likenessId, caller.getSubject());
        return likeness.onItem().ifNull().failWith(() -> ProblemException.notFound("likeness " + likenessId))
                .chain(found -> ledger.entries(likenessId)
                        .map(entries -> LedgerView.of(likenessId, entries, Ledger.verify(found, entries))));
    }
}
