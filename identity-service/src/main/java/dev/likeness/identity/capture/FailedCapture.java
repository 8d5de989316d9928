package dev.likeness.identity.capture;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A failed capture as the rate limit counts it ({@link CaptureFailures}). */
@Schema(name = "FailedCapture")
public record FailedCapture(
        @Schema(description = "liveness-failed (a check failed), capture-unreadable (not the declared container) or "
                + "verification-error (the verification failed inside the service)", example = "liveness-failed")
        String outcome,
        OffsetDateTime failedAt) {
}
