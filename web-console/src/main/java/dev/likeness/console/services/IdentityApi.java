package dev.likeness.console.services;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.token.propagation.common.AccessToken;

/** identity-service, called with the signed-in person's access token. */
@RegisterRestClient(configKey = "identity")
@RegisterProvider(ProblemResponses.class)
@AccessToken
@Path("/v1")
public interface IdentityApi {

    record Challenge(String nonce, String digits, List<String> moves) {
    }

    /** {@code hint}: on a failed check, a code for what to do when recording again (identity-service's Check schema). */
    record Check(String name, boolean passed, String measured, String required, String hint) {
    }

    record Enrolment(UUID id, String status, Challenge challenge, OffsetDateTime expiresAt, UUID likenessId,
                     List<Check> checks) {
    }

    record Likeness(UUID id, String ownerId, String status, String method, OffsetDateTime verifiedAt,
                    OffsetDateTime suspendedAt, String suspensionReason, OffsetDateTime deletedAt) {
    }

    record Suspension(String reason) {
    }

    @POST
    @Path("enrolments")
    Enrolment startEnrolment();

    @GET
    @Path("enrolments/{id}")
    Enrolment enrolment(@PathParam("id") UUID id);

    @PUT
    @Path("enrolments/{id}/capture")
    Enrolment submitCapture(@PathParam("id") UUID id, @HeaderParam("Likeness-Challenge-Nonce") String nonce,
                            @HeaderParam("Content-Type") String contentType, byte[] capture);

    @GET
    @Path("likenesses")
    List<Likeness> likenesses();

    @GET
    @Path("likenesses/{id}")
    Likeness likeness(@PathParam("id") UUID id);

    @DELETE
    @Path("likenesses/{id}")
    void deleteLikeness(@PathParam("id") UUID id);

    @POST
    @Path("likenesses/{id}/suspension")
    Likeness suspend(@PathParam("id") UUID id, Suspension suspension);

    @DELETE
    @Path("likenesses/{id}/suspension")
    Likeness reinstate(@PathParam("id") UUID id);

    /** Accepted (202): the erasure goes on after the answer, the account deleted last; asked again, the same erasure. */
    @POST
    @Path("me/erasure")
    void erase();
}
