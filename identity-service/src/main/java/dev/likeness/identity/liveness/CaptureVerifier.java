package dev.likeness.identity.liveness;

import java.nio.file.Path;

/**
 * A liveness verifier that receives the capture: the built-in one, or a vendor's that we upload
 * the capture to. Selected by {@code likeness.liveness.verifier} (its {@link #name()}).
 */
public interface CaptureVerifier {

    /** The value of {@code likeness.liveness.verifier} that selects it, recorded as each likeness' method. */
    String name();

    /** Judges a capture against the challenge it answers; every check reports what it measured. */
    Verdict verify(Path capture, Challenge challenge);
}
