package dev.likeness.identity.enrolment;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.identity.capture.Check;
import dev.likeness.identity.liveness.Challenge;

@Schema(name = "Enrolment")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnrolmentView(
        UUID id,
        @Schema(description = "AWAITING_CAPTURE, then VERIFIED or REJECTED; EXPIRED when no capture came in time")
        String status,
        Challenge challenge,
        OffsetDateTime expiresAt,
        @Schema(description = "While a capture for the challenge is being verified: when it arrived")
        OffsetDateTime captureReceivedAt,
        @Schema(description = "The likeness created by a successful verification") UUID likenessId,
        @Schema(description = "Each verification check with its measured value") List<Check> checks) {

    static EnrolmentView of(Enrolment enrolment, OffsetDateTime now) {
        String status = enrolment.expired(now) ? "EXPIRED" : enrolment.status.name();
        OffsetDateTime receiving = enrolment.status == Enrolment.Status.AWAITING_CAPTURE ? enrolment.captureStartedAt : null;
        return new EnrolmentView(enrolment.id, status, enrolment.challenge(), enrolment.expiresAt, receiving, enrolment.likenessId,
                enrolment.verification == null ? null : enrolment.verification.checks());
    }
}
