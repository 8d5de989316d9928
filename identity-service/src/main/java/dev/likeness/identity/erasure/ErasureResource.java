package dev.likeness.identity.erasure;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.likeness.kit.http.Roles;
import io.smallrye.mutiny.Uni;

/**
 * Erasure of a person: by themselves, or by trust and safety, who alone follow its progress. An
 * erasure in progress is answered again to whoever asks again for the same person.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Erasure")
public class ErasureResource {

    /** A Keycloak subject (a UUID) or another realm's user id, never free text. */
    static final String PERSON_ID = "[A-Za-z0-9][A-Za-z0-9._@:-]*";
    static final String PERSON_ID_MESSAGE = "must be a person id: letters, digits and . _ @ : -";

    @Inject ErasureService erasures;
    @Inject JsonWebToken caller;

    @POST
    @Path("me/erasure")
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "eraseMe", summary = "Erase everything about the caller, and their account",
            description = """
                    At once, in one transaction: every likeness of the caller is deleted (its biometric data destroyed, \
                    dev.likeness.identity.likeness.deleted.v1 each), their enrolments and failed captures are erased, and \
                    dev.likeness.identity.person.erased.v1 tells the other services to erase theirs. Then, within \
                    likeness.erasure.interval, their account is deleted: they can no longer sign in, and tokens already \
                    issued stop working when they expire (5 minutes at most). Asking again while it is in progress \
                    answers the same erasure.""")
    @APIResponse(responseCode = "202", description = "Erased here; the account's deletion follows",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The erasure: /v1/erasures/{erasureId}"),
            content = @Content(schema = @Schema(implementation = ErasureView.class)))
    public Uni<Response> eraseMe() {
        return erasures.eraseSelf(caller.getSubject()).map(ErasureResource::accepted);
    }

    @POST
    @Path("persons/{personId}/erasure")
    @RolesAllowed(Roles.TRUST_SAFETY)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "erasePerson", summary = "Erase everything about a person, and their account",
            description = """
                    As POST /v1/me/erasure, for any person id, whether or not this service holds anything about them \
                    (their account and the other services' data are erased all the same). The reason (1 to 500 characters) \
                    is kept with the erasure until it completes; the staff member who asked is kept with it for good.""")
    @APIResponse(responseCode = "202", description = "Erased here; the account's deletion follows",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The erasure: /v1/erasures/{erasureId}"),
            content = @Content(schema = @Schema(implementation = ErasureView.class)))
    @APIResponse(responseCode = "400", description = "No reason, or one longer than 500 characters, or not a person id")
    public Uni<Response> erasePerson(@PathParam("personId") @Size(max = 255) @Pattern(regexp = PERSON_ID, message = PERSON_ID_MESSAGE)
                                     String personId,
                                     @Valid @NotNull ErasureRequest request) {
        return erasures.eraseAsTrustSafety(personId, caller.getSubject(), request.reason()).map(ErasureResource::accepted);
    }

    @GET
    @Path("erasures/{erasureId}")
    @RolesAllowed(Roles.TRUST_SAFETY)
    @Operation(operationId = "getErasure", summary = "An erasure's progress")
    @APIResponse(responseCode = "200", description = "The erasure", content = @Content(schema = @Schema(implementation = ErasureView.class)))
    @APIResponse(responseCode = "404", description = "No such erasure")
    public Uni<ErasureView> get(@PathParam("erasureId") UUID erasureId) {
        return erasures.get(erasureId).map(ErasureView::of);
    }

    private static Response accepted(Erasure erasure) {
        return Response.accepted(ErasureView.of(erasure)).location(URI.create("/v1/erasures/" + erasure.id)).build();
    }
}
