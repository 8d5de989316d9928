package dev.likeness.identity.capture;

import java.util.List;

/** How a capture was judged: by which verifier, and each check with its measured value. */
public record Verification(String method, List<Check> checks) {

    public boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }
}
