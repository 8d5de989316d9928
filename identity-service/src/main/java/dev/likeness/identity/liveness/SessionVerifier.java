package dev.likeness.identity.liveness;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A vendor liveness check in the session style (the shape of AWS Rekognition Face Liveness): the
 * service opens a session at the vendor, the person's client streams the camera to the vendor
 * with it, and the service fetches the result. Selected by {@code likeness.liveness.verifier}.
 */
public interface SessionVerifier {

    /** The value of {@code likeness.liveness.verifier} that selects it, recorded as each likeness' method. */
    String name();

    /** Opens a session for an enrolment; {@code client} is what the person's client needs to stream to the vendor. */
    Session open(UUID enrolmentId);

    /** The session's result as the vendor reports it. */
    Result result(String sessionId);

    record Session(String sessionId, Map<String, String> client) {
    }

    enum Status { CREATED, IN_PROGRESS, SUCCEEDED, FAILED, EXPIRED }

    /**
     * @param confidence    the vendor's confidence that a live person was there, 0–100 (null until it decided)
     * @param referenceImage the face the vendor chose, JPEG (null if none)
     * @param auditImages   frames the vendor kept as evidence, JPEG
     */
    record Result(Status status, Double confidence, byte[] referenceImage, List<byte[]> auditImages) {
    }
}
