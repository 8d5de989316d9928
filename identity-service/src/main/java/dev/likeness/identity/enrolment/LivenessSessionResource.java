package dev.likeness.identity.enrolment;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.likeness.identity.capture.Check;
import dev.likeness.identity.capture.Hint;
import dev.likeness.identity.capture.Verification;
import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.http.Roles;
import dev.likeness.identity.liveness.LivenessConfig;
import dev.likeness.identity.liveness.SessionVerifier;
import dev.likeness.identity.liveness.Verdict;
import dev.likeness.identity.liveness.Verifiers;
import io.smallrye.common.annotation.Blocking;

/**
 * Answering a challenge through a vendor liveness session instead of an upload, when
 * {@code likeness.liveness.verifier} names a session verifier: open the session, let the client
 * stream to the vendor, then ask for the result. The vendor's calls block: worker threads.
 */
@Path("/v1/enrolments/{enrolmentId}/liveness-session")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Enrolment")
public class LivenessSessionResource {

    /** What the client needs to stream to the vendor. */
    @Schema(name = "LivenessSession")
    public record SessionView(String sessionId, Map<String, String> client) {
    }

    @Inject EnrolmentService enrolments;
    @Inject Verifiers verifiers;
    @Inject LivenessConfig config;
    @Inject JsonWebToken caller;
    @Inject Clock clock;

    @POST
    @Blocking
    @Operation(operationId = "openLivenessSession", summary = "Open the vendor liveness session that answers the challenge")
    @APIResponse(responseCode = "201", description = "The session: stream the camera to the vendor with it",
            content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "409", description = "Captures are uploaded here (capture-required), or the session is open (session-open)")
    public Response open(@BeanParam ChallengeAnswer answer) {
        SessionVerifier vendor = vendor();
        EnrolmentService.requireNoSession(awaiting(answer));
        SessionVerifier.Session session = vendor.open(answer.enrolmentId);
        EnrolmentResource.await(() -> enrolments.openSession(answer.enrolmentId, caller.getSubject(), answer.nonce, session.sessionId()));
        return Response.created(URI.create("/v1/enrolments/" + answer.enrolmentId + "/liveness-session"))
                .entity(new SessionView(session.sessionId(), session.client())).build();
    }

    @POST
    @Path("result")
    @Blocking
    @Operation(operationId = "completeLivenessSession", summary = "Fetch the vendor's result and decide the enrolment",
            description = "Verified when the vendor succeeded with at least likeness.liveness.vendor-min-confidence; "
                    + "the vendor's reference image is kept encrypted, its audit images are not kept.")
    @APIResponse(responseCode = "200", description = "Verified: the enrolment names the new likeness")
    @APIResponse(responseCode = "422", description = "The vendor did not find a live person (liveness-failed)")
    @APIResponse(responseCode = "409", description = "No session yet (no-session), or the vendor has not decided (session-in-progress)")
    public EnrolmentView result(@BeanParam ChallengeAnswer answer) {
        SessionVerifier vendor = vendor();
        Enrolment enrolment = awaiting(answer);
        if (enrolment.vendorSessionId == null) {
            throw new ProblemException(409, "no-session", "No liveness session", "Open the liveness session first");
        }
        SessionVerifier.Result result = vendor.result(enrolment.vendorSessionId);
        if (result.status() == SessionVerifier.Status.CREATED || result.status() == SessionVerifier.Status.IN_PROGRESS) {
            throw new ProblemException(409, "session-in-progress", "Liveness session in progress",
                    "The vendor has not decided yet (" + result.status() + "); ask again in a moment");
        }
        Verdict verdict = new Verdict(new Verification(vendor.name(), checks(result)), result.referenceImage());
        Enrolment done = EnrolmentResource.await(() -> enrolments.complete(answer.enrolmentId, caller.getSubject(), answer.nonce, null, verdict, null));
        if (done.status != Enrolment.Status.VERIFIED) {
            throw EnrolmentResource.rejected(done.verification.checks());
        }
        return EnrolmentView.of(done, OffsetDateTime.now(clock));
    }

    private List<Check> checks(SessionVerifier.Result result) {
        double min = config.vendorMinConfidence();
        Double confidence = result.confidence();
        return List.of(
                new Check("vendor-status", result.status() == SessionVerifier.Status.SUCCEEDED, result.status().name(), "SUCCEEDED")
                        .hinting(Hint.NOT_LIVE),
                new Check("vendor-confidence", confidence != null && confidence >= min,
                        confidence == null ? "none" : String.format(Locale.ROOT, "%.1f", confidence),
                        String.format(Locale.ROOT, "at least %.1f", min)).hinting(Hint.NOT_LIVE));
    }

    private Enrolment awaiting(ChallengeAnswer answer) {
        String nonce = answer.requiredNonce();
        return EnrolmentResource.await(() -> enrolments.awaitingCapture(answer.enrolmentId, caller.getSubject(), nonce));
    }

    private SessionVerifier vendor() {
        SessionVerifier vendor = verifiers.session();
        if (vendor == null) {
            throw new ProblemException(409, "capture-required", "Capture required",
                    "This service verifies liveness from an uploaded capture: PUT the capture instead");
        }
        return vendor;
    }
}
