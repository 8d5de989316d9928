package dev.likeness.console.pages;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.likeness.console.services.IdentityApi;
import dev.likeness.console.services.ServiceProblem;
import io.quarkus.qute.Template;

/**
 * Enrolment: the challenge, the camera (enrol.js records it in the browser) or a file, the upload
 * to identity-service, and each check's result in plain words. identity-service decides everything.
 */
@Path("/enrol")
@Produces(MediaType.TEXT_HTML)
public class EnrolPage {

    private final Template enrol;
    private final Pages pages;
    private final IdentityApi identity;

    EnrolPage(Template enrol, Pages pages, @RestClient IdentityApi identity) {
        this.enrol = enrol;
        this.pages = pages;
        this.identity = identity;
    }

    @GET
    public Response start() {
        Optional<IdentityApi.Likeness> enrolled = identity.likenesses().stream().findFirst();
        return page(null, null, 200).data("enrolled", enrolled.orElse(null)).ok();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response begin() {
        try {
            IdentityApi.Enrolment started = identity.startEnrolment();
            return Redirects.seeOther("/enrol/" + started.id(), null);
        } catch (ServiceProblem problem) {
            return page(null, problem, problem.status()).ok();
        }
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") UUID id) {
        return page(identity.enrolment(id), null, 200).ok();
    }

    /** The browser's own recording (enrol.js), sent as it is: WebM from Chromium's MediaRecorder, or MP4. */
    @POST
    @Path("{id}/capture")
    @Consumes({"video/webm", "video/mp4"})
    public Response recorded(@PathParam("id") UUID id, @HeaderParam("Content-Type") String type, byte[] capture) {
        return submit(id, type, capture);
    }

    /** A file chosen on a device without a camera. */
    @POST
    @Path("{id}/capture")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response uploaded(@PathParam("id") UUID id, @RestForm("capture") FileUpload file) throws java.io.IOException {
        if (file == null || file.size() == 0) {
            return page(identity.enrolment(id), null, 400).data("missingFile", true).ok();
        }
        String type = file.fileName().toLowerCase(java.util.Locale.ROOT).endsWith(".mp4") ? "video/mp4" : "video/webm";
        return submit(id, type, java.nio.file.Files.readAllBytes(file.uploadedFile()));
    }

    private Response submit(UUID id, String type, byte[] capture) {
        IdentityApi.Enrolment enrolment = identity.enrolment(id);
        String bare = type == null ? "" : type.split(";", 2)[0].strip();
        try {
            identity.submitCapture(id, enrolment.challenge().nonce(), bare, capture);
        } catch (ServiceProblem problem) {
            // A failed check rejects the enrolment: its page lists each check. Anything else is said here.
            if (!"liveness-failed".equals(problem.code())) {
                return page(identity.enrolment(id), problem, problem.status()).ok();
            }
        }
        return Redirects.seeOther("/enrol/" + id, null);
    }

    private Shown page(IdentityApi.Enrolment enrolment, ServiceProblem problem, int status) {
        long secondsLeft = enrolment == null || enrolment.expiresAt() == null ? 0
                : Math.max(0, Duration.between(OffsetDateTime.now(), enrolment.expiresAt()).toSeconds());
        return new Shown(pages.render(enrol, "home")
                .data("enrolled", null)
                .data("missingFile", false)
                .data("enrolment", enrolment)
                .data("secondsLeft", secondsLeft)
                .data("problem", problem == null ? null : pages.problem(problem)), status);
    }
}
