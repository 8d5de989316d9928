package dev.likeness.identity.liveness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * The verifier that {@code likeness.liveness.verifier} names, of either style: one that receives
 * the capture, or a vendor session. The service does not start when the name matches neither.
 */
@ApplicationScoped
public class Verifiers {

    private final CaptureVerifier capture;
    private final SessionVerifier session;

    Verifiers(Instance<CaptureVerifier> captures, Instance<SessionVerifier> sessions, LivenessConfig config) {
        String name = config.verifier();
        this.capture = captures.stream().filter(verifier -> verifier.name().equals(name)).findFirst().orElse(null);
        this.session = sessions.stream().filter(verifier -> verifier.name().equals(name)).findFirst().orElse(null);
        if (capture == null && session == null) {
            throw new IllegalStateException("likeness.liveness.verifier=" + name + ": no such verifier on the class path");
        }
    }

    /** The capture verifier, or null when a vendor session verifies. */
    public CaptureVerifier capture() {
        return capture;
    }

    /** The session verifier, or null when captures are uploaded. */
    public SessionVerifier session() {
        return session;
    }
}
