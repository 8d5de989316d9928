package dev.likeness.captures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes one MP4 capture answering a challenge (deploy/devstack.sh runs it for
 * {@code sample-capture}; deploy/demo.sh and the README's walkthrough use it):
 * <pre>
 *   FILE DIGITS MOVES [SEED]   e.g. alice.mp4 482913 LEFT,RIGHT
 * </pre>
 * The portrait turns its head as MOVES says, in order, and reads DIGITS aloud. The seed
 * ({@value #DEFAULT_SEED} when not given) fixes every frame and sample, so the same arguments
 * write the same bytes. identity-service verifies a capture only once (its {@code capture-unique}
 * check), so a file sent again for the same digits and moves needs another seed.
 */
public final class SampleCapture {

    /** The seed of a capture when none is given. */
    public static final long DEFAULT_SEED = 1;

    private SampleCapture() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: sample-capture FILE DIGITS MOVES [SEED]   e.g. alice.mp4 482913 LEFT,RIGHT"
                    + " (SEED: a long, default " + DEFAULT_SEED + ")");
            System.exit(2);
        }
        String digits = args[1];
        List<String> moves = List.of(args[2].split(","));
        if (!digits.matches("[0-9]+") || !moves.stream().allMatch(move -> move.equals("LEFT") || move.equals("RIGHT"))
                || args.length == 4 && !args[3].matches("-?[0-9]{1,18}")) {
            System.err.println("DIGITS are decimal digits, MOVES a comma-separated list of LEFT and RIGHT, SEED an integer: "
                    + String.join(" ", List.of(args).subList(1, args.length)));
            System.exit(2);
        }
        long seed = args.length == 4 ? Long.parseLong(args[3]) : DEFAULT_SEED;
        Files.write(Path.of(args[0]), Captures.record(Captures.Container.MP4, Captures.live(digits, moves), seed));
    }
}
