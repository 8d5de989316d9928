package dev.likeness.identity.enrolment;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.likeness.kit.http.Problem;
import dev.likeness.kit.http.ProblemException;

/** What a capture or a liveness session answers: the enrolment, and the nonce of its challenge. */
public class ChallengeAnswer {

    public static final String NONCE_HEADER = "Likeness-Challenge-Nonce";

    @PathParam("enrolmentId")
    public UUID enrolmentId;

    @Parameter(description = "The nonce of the enrolment's challenge", required = true)
    @HeaderParam(NONCE_HEADER)
    public String nonce;

    /** The nonce; a missing one is refused before any work, naming the header. */
    public String requiredNonce() {
        if (nonce == null || nonce.isBlank()) {
            throw new ProblemException(400, "validation-failed", "Request validation failed",
                    NONCE_HEADER + ": required", List.of(new Problem.FieldError(NONCE_HEADER, "required")));
        }
        return nonce;
    }
}
