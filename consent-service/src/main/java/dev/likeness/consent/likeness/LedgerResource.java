package dev.likeness.consent.likeness;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.likeness.consent.ledger.Ledger;
import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.http.Roles;
import dev.likeness.kit.paging.PageRequest;
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
    @Operation(operationId = "getLedger", summary = "A page of the likeness' consent ledger and whether it verifies",
            description = "The owner's own likeness; trust and safety may read any, deleted ones included. The newest "
                    + "entries first (each page in order); the Link header (rel=\"next\") and nextBefore lead to older ones. "
                    + "The verification covers the page and its links to the entries around it: walking every page verifies the chain.")
    @APIResponse(responseCode = "200", description = "The page",
            headers = @Header(name = "Link", description = "<path?before=…&limit=…>; rel=\"next\" (RFC 8288): the older entries, relative to the request URI; absent on the oldest page"),
            content = @Content(schema = @Schema(implementation = LedgerView.class)))
    public Uni<Response> get(@PathParam("likenessId") UUID likenessId,
                             @Parameter(description = "Only entries numbered below this (nextBefore of the previous page)")
                             @QueryParam("before") @Min(1) Long before,
                             @QueryParam("limit") @DefaultValue("200") @Min(1) @Max(500) int limit,
                             @Context UriInfo uri) {
        Uni<Likeness> likeness = identity.hasRole(Roles.TRUST_SAFETY)
                ? likenesses.findById(likenessId)
                : likenesses.ownedEver(likenessId, caller.getSubject());
        return likeness.onItem().ifNull().failWith(() -> ProblemException.notFound("likeness " + likenessId))
                .chain(found -> ledger.page(found, before, limit).chain(page -> ledger.read(page.entries()).map(entries -> {
                    LedgerView view = LedgerView.of(likenessId, page, entries, Ledger.verify(found, page));
                    Response.ResponseBuilder answer = Response.ok(view);
                    if (view.nextBefore() != null) {
                        answer.header(HttpHeaders.LINK, PageRequest.nextLink(uri.getRequestUriBuilder()
                                .replaceQueryParam("before", view.nextBefore()).replaceQueryParam("limit", limit)));
                    }
                    return answer.build();
                })));
    }
}
