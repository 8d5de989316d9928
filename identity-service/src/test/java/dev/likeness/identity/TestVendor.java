package dev.likeness.identity;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.likeness.identity.liveness.SessionVerifier;

/**
 * A liveness vendor for tests, in the session style: its sessions report what the test decides,
 * as a real vendor's would once the person streamed to it. Selected only by
 * {@code likeness.liveness.verifier=test-vendor} (VendorSessionTest).
 */
@ApplicationScoped
public class TestVendor implements SessionVerifier {

    private final Map<String, UUID> enrolments = new ConcurrentHashMap<>();
    private final Map<UUID, Result> results = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "test-vendor";
    }

    @Override
    public Session open(UUID enrolmentId) {
        String session = "session-" + UUID.randomUUID();
        enrolments.put(session, enrolmentId);
        return new Session(session, Map.of("region", "test", "stream", "wss://vendor.test/streams/" + session));
    }

    @Override
    public Result result(String sessionId) {
        return results.getOrDefault(enrolments.get(sessionId), new Result(Status.CREATED, null, null, List.of()));
    }

    /** What the vendor will report for the enrolment's session. */
    void decide(UUID enrolmentId, Result result) {
        results.put(enrolmentId, result);
    }
}
