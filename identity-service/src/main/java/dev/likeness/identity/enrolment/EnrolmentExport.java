package dev.likeness.identity.enrolment;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.identity.capture.FailedCapture;
import dev.likeness.kit.paging.PageCursor;

/** One of a person's enrolments in their export: the enrolment as the API shows it, and what else is stored with it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "EnrolmentExport", description = "One of the caller's enrolments (liveness challenges), with its verification")
public record EnrolmentExport(
        @Schema(description = "The enrolment, as GET /v1/enrolments/{enrolmentId} shows it: status, challenge, likenessId, "
                + "each check with what it measured and what it required")
        EnrolmentView enrolment,
        OffsetDateTime createdAt,
        @Schema(description = "When a capture (or the vendor's result) decided it") OffsetDateTime completedAt,
        @Schema(description = "When the capture that decided it, or is being verified, arrived") OffsetDateTime captureArrivedAt,
        @Schema(description = "The verifier that decided it", example = "built-in") String method,
        @Schema(description = "The vendor liveness session that answered the challenge, when a vendor verifier is in use")
        String vendorSessionId,
        @Schema(description = "SHA-256 (hex) of the capture that decided it, kept so the same bytes never verify twice; "
                + "absent when none was kept for it (a vendor session, or bytes first submitted for another enrolment)")
        String captureSha256,
        @Schema(description = "Failed captures of this enrolment still counted by the rate limit (older ones are forgotten)")
        List<FailedCapture> failedCaptures) {

    /** Where a page of the export's enrolments ends (they are read oldest first). */
    public static PageCursor position(EnrolmentExport item) {
        return new PageCursor(item.createdAt(), item.enrolment().id());
    }

    static EnrolmentExport of(Enrolment enrolment, OffsetDateTime now, String captureSha256, List<FailedCapture> failed) {
        return new EnrolmentExport(EnrolmentView.of(enrolment, now), enrolment.createdAt, enrolment.completedAt,
                enrolment.captureStartedAt, enrolment.verification == null ? null : enrolment.verification.method(),
                enrolment.vendorSessionId, captureSha256, failed);
    }
}
