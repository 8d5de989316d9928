package dev.likeness.identity;

import java.util.Random;

/**
 * Seeds of a test's generated clips and noise, drawn from the test's own name (class and method):
 * a run replays, the seeds do not depend on the order tests run in, and no two tests share a clip
 * (the service accepts a capture only once). {@link SeedsPerTest} starts each test's sequence.
 */
final class Seeds {

    private static final Random RANDOM = new Random(0);

    private Seeds() {
    }

    /** The next seed of the running test. */
    static long next() {
        return RANDOM.nextLong();
    }

    /** Fills {@code bytes} with the running test's next noise. */
    static void fill(byte[] bytes) {
        RANDOM.nextBytes(bytes);
    }

    /** Starts the sequence of the test named {@code testName}, from a 64-bit hash of the name. */
    static void startTest(String testName) {
        long hash = 1125899906842597L;
        for (int i = 0; i < testName.length(); i++) {
            hash = 31 * hash + testName.charAt(i);
        }
        RANDOM.setSeed(hash);
    }
}
