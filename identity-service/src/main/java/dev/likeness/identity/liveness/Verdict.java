package dev.likeness.identity.liveness;

import dev.likeness.identity.capture.Verification;

/**
 * A verifier's decision and, when it found the face, a reference image of it (JPEG): the one
 * piece of biometric data kept after verification, encrypted (service README, "Biometric data").
 */
public record Verdict(Verification verification, byte[] referenceImage) {
}
