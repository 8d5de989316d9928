package dev.likeness.consent.check;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.likeness.kit.http.Roles;
import dev.likeness.kit.http.WriteRateLimit;
import io.smallrye.mutiny.Uni;

/** The check a platform makes before every render. */
@Path("/v1/checks")
@RolesAllowed(Roles.PLATFORM)
@Tag(name = "Consent checks")
public class CheckResource {

    @Inject CheckService checks;
    @Inject RequesterProof proof;
    @Inject JsonWebToken caller;

    @POST
    @Extension(name = WriteRateLimit.NOT_A_WRITE, value = "true") // a query with a body: not rate-limited as a write
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "checkConsent", summary = "May the requester feature these likenesses for this purpose?",
            description = """
                    200 whether allowed or not: a denial names a reason per likeness. An allowed answer carries a \
                    consent token (JWS, ES256) for this platform, valid for likeness.consent-token.ttl; a change \
                    that narrows consent afterwards makes it worthless. Nothing is read for a requester that \
                    requesterToken does not prove (requester-unproven).""")
    public Uni<CheckResponse> check(@Valid @NotNull CheckRequest request) {
        CheckService.validate(request);
        String platform = caller.getClaim("azp");
        return proof.proves(request.requesterToken(), request.requesterId(), platform)
                .chain(proven -> proven ? checks.check(request, platform) : Uni.createFrom().item(CheckResponse.unproven(request)));
    }
}
