package dev.likeness.identity.enrolment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.likeness.identity.biometric.BiometricConfig;
import dev.likeness.identity.capture.CaptureConfig;
import dev.likeness.identity.capture.CaptureFailures;
import dev.likeness.identity.capture.CaptureUpload;
import dev.likeness.identity.capture.Check;
import dev.likeness.identity.capture.VerificationSlots;
import dev.likeness.identity.liveness.CaptureVerifier;
import dev.likeness.identity.liveness.Challenge;
import dev.likeness.identity.liveness.Verdict;
import dev.likeness.identity.liveness.Verifiers;
import dev.likeness.kit.http.Problem;
import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.http.Roles;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** Enrolment: receive a liveness challenge, answer it with one capture, get a verified likeness. */
@Path("/v1/enrolments")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Enrolment")
public class EnrolmentResource {

    private static final List<String> CAPTURE_TYPES = List.of("video/mp4", "video/webm");

    @Inject EnrolmentService enrolments;
    @Inject Verifiers verifiers;
    @Inject VerificationSlots slots;
    @Inject CaptureConfig capture;
    @Inject BiometricConfig biometrics;
    @Inject JsonWebToken caller;
    @Inject Clock clock;

    @POST
    @Operation(operationId = "startEnrolment", summary = "Start an enrolment and receive its liveness challenge",
            description = "The challenge expires after likeness.enrolment.challenge-ttl (3 minutes) and takes one capture.")
    @APIResponse(responseCode = "201", description = "The enrolment, with its challenge",
            content = @Content(schema = @Schema(implementation = EnrolmentView.class)))
    @APIResponse(responseCode = "409", description = "The caller already has a verified likeness")
    @APIResponse(responseCode = "410", description = "The caller was erased (person-erased): their token outlives their account")
    @APIResponse(responseCode = "429", description = "Too many failed captures lately (too-many-attempts), or too many enrolments waiting for a capture (too-many-open-enrolments); Retry-After says when to try again")
    public Uni<Response> start() {
        return enrolments.start(caller.getSubject()).map(enrolment -> Response
                .created(URI.create("/v1/enrolments/" + enrolment.id))
                .entity(EnrolmentView.of(enrolment, OffsetDateTime.now(clock)))
                .build());
    }

    @GET
    @Path("{enrolmentId}")
    @Operation(operationId = "getEnrolment", summary = "An enrolment of the caller, with its outcome and checks")
    public Uni<EnrolmentView> get(@PathParam("enrolmentId") UUID enrolmentId) {
        return enrolments.get(enrolmentId, caller.getSubject()).map(e -> EnrolmentView.of(e, OffsetDateTime.now(clock)));
    }

    @PUT
    @Path("{enrolmentId}/capture")
    @Blocking
    @Consumes({"video/mp4", "video/webm"})
    @Operation(operationId = "submitCapture", summary = "Answer the challenge with a video capture",
            description = """
                    The raw capture as the body: an MP4 (H.264/AAC, also fragmented) or WebM (VP8/VP9, Opus) file \
                    with one video and one audio track, 2 to 10 seconds long, at most likeness.capture.max-size \
                    (50 MB); a phone's upright MP4 is analysed as its display matrix shows it. Record the camera \
                    unmirrored, keep the whole face in the picture, read the digits aloud and turn the head as the \
                    challenge says, facing the camera at the start and the end. The upload is streamed to disk and \
                    deleted once verified.""")
    @RequestBody(content = {
            @Content(mediaType = "video/mp4", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "video/webm", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "200", description = "Verified: the enrolment names the new likeness",
            content = @Content(schema = @Schema(implementation = EnrolmentView.class)))
    @APIResponse(responseCode = "422", description = "Verification failed (errors list the failed checks), or the nonce does not match")
    @APIResponse(responseCode = "409", description = "The challenge already took a capture (challenge-used), or another capture for it is being verified (capture-in-progress)")
    @APIResponse(responseCode = "410", description = "The challenge expired")
    @APIResponse(responseCode = "429", description = "Too many failed captures lately (too-many-attempts); Retry-After says when to try again")
    @APIResponse(responseCode = "503", description = "Every verification place of this instance is taken (verification-busy); Retry-After says when to try again")
    @APIResponse(responseCode = "413", description = "The capture is larger than likeness.capture.max-size")
    public EnrolmentView capture(
            @BeanParam ChallengeAnswer answer,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(hidden = true) // a transport header, not part of the API
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
            InputStream body) {
        UUID enrolmentId = answer.enrolmentId;
        String nonce = answer.requiredNonce();
        long maxSize = capture.maxSize().asLongValue();
        if (contentLength != null && contentLength > maxSize) {
            throw CaptureUpload.tooLarge(maxSize);
        }
        CaptureVerifier verifier = verifiers.capture();
        if (verifier == null) {
            throw new ProblemException(409, "session-required", "Liveness session required",
                    "This service verifies liveness with a vendor session: POST /v1/enrolments/" + enrolmentId + "/liveness-session");
        }
        String owner = caller.getSubject();
        String mediaType = mediaType(contentType);
        try (VerificationSlots.Slot slot = slots.admit()) {
            Challenge challenge = await(() -> enrolments.beginCapture(enrolmentId, owner, nonce)).challenge();
            // What this capture counts as while it has decided nothing: bytes that are not a capture, then a verification that broke.
            String undecided = CaptureFailures.CAPTURE_UNREADABLE;
            try (CaptureUpload upload = CaptureUpload.receive(body, maxSize, capture.uploadDirectory())) {
                if (!upload.looksLike(mediaType)) {
                    throw new ProblemException(422, "capture-unreadable", "Capture unreadable", "The body is not a " + mediaType + " file");
                }
                undecided = CaptureFailures.VERIFICATION_ERROR;
                Verdict verdict = slot.verify(() -> verifier.verify(upload.file(), challenge));
                EnrolmentService.Retained retained = retained(upload, mediaType);
                undecided = null;
                Enrolment done = await(() -> enrolments.complete(enrolmentId, owner, nonce, upload.sha256Hex(), verdict, retained));
                if (done.status != Enrolment.Status.VERIFIED) {
                    throw rejected(done.verification.checks());
                }
                return EnrolmentView.of(done, OffsetDateTime.now(clock));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                if (undecided != null) {
                    String outcome = undecided;
                    await(() -> enrolments.failed(enrolmentId, owner, outcome));
                }
            }
        }
    }

    /** The capture, when configuration keeps it for a while after verification (by default it does not). */
    private EnrolmentService.Retained retained(CaptureUpload upload, String mediaType) throws IOException {
        Duration retention = biometrics.captureRetention();
        if (retention.isZero()) {
            return null;
        }
        return new EnrolmentService.Retained(mediaType, Files.readAllBytes(upload.file()), OffsetDateTime.now(clock).plus(retention));
    }

    static ProblemException rejected(List<Check> checks) {
        List<Problem.FieldError> failed = checks.stream().filter(check -> !check.passed())
                .map(check -> new Problem.FieldError(check.name(), "measured " + check.measured() + ", required " + check.required(),
                        check.hint() == null ? null : check.hint().code()))
                .toList();
        return new ProblemException(422, "liveness-failed", "Liveness verification failed",
                "The capture failed " + failed.size() + " check(s); start a new enrolment to try again", failed);
    }

    private static String mediaType(String contentType) {
        // Split by hand: a missing or malformed Content-Type is a 415 like any other, not a parse failure.
        String bare = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!CAPTURE_TYPES.contains(bare)) {
            throw new ProblemException(415, "unsupported-media-type", "Unsupported Media Type",
                    "A capture is video/mp4 or video/webm");
        }
        return bare;
    }

    /** Runs a Hibernate Reactive step on the event loop from this worker thread. */
    static <T> T await(Supplier<Uni<T>> step) {
        try {
            return VertxContextSupport.subscribeAndAwait(step);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
