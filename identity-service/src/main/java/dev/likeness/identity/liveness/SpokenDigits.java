package dev.likeness.identity.liveness;

import java.util.List;
import java.util.stream.IntStream;

/** A speech recogniser that hears the digits of a challenge read aloud. */
interface SpokenDigits extends AutoCloseable {

    List<String> WORDS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");

    /** @param pcm 16 kHz mono samples: the span of a capture's speech; returns the digits heard, as numerals */
    String hear(short[] pcm);

    @Override
    default void close() {
    }

    /** The digit a spoken word says: one of {@link #WORDS}, or "oh" for 0 as many people read it; −1 for any other word. */
    static int digit(String word) {
        return word.equals("oh") ? 0 : WORDS.indexOf(word);
    }

    /**
     * How many digits {@code heard} is off {@code asked}: how many were misheard, dropped or added,
     * except that a reading shifted one place counts one off, not two. A recogniser bound to as many
     * digits as asked writes one more at the end when it lost the first, and drops the last when it
     * took a word before the first for a digit: both seen where other people talk.
     */
    static int off(String heard, String asked) {
        int off = distance(heard, asked);
        int last = asked.length() - 1;
        if (heard.length() == asked.length() && last > 0) {
            int shifted = Math.min(distance(heard.substring(0, last), asked.substring(1)), distance(heard.substring(1), asked.substring(0, last)));
            off = Math.min(off, 1 + shifted);
        }
        return off;
    }

    /** Levenshtein distance: how many digits were misheard, dropped or added. */
    private static int distance(String a, String b) {
        int[] previous = IntStream.rangeClosed(0, b.length()).toArray();
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            previous = current;
        }
        return previous[b.length()];
    }
}
