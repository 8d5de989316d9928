package dev.likeness.captures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kind of noise a room adds under the voice. {@link #WHITE} is steady hiss; {@link #BABBLE}
 * is other people talking at once (a café, an office): four voices of two engines reading
 * Harvard sentences (IEEE 1969, public domain, chosen without number words), each at the same
 * level and looped from its own point, which no filter can tell from the voice by its steadiness.
 */
public enum Noise {
    WHITE,
    BABBLE;

    private static final List<Voice> TALKERS = List.of(Voice.espeak("en-us", 160, 40), Voice.espeak("en-gb", 180, 60),
            Voice.flite("awb"), Voice.flite("rms"));
    private static final List<String> SENTENCES = List.of(
            "The birch canoe slid on the smooth planks. Glue the sheet to the dark blue background.",
            "It is easy to tell the depth of a well. These days a chicken leg is a rare dish.",
            "Rice is often served in round bowls. The juice of lemons makes fine punch.",
            "The box was thrown beside the parked truck. The hogs were fed chopped corn and garbage.");
    private static final Map<Integer, short[]> BABBLES = new ConcurrentHashMap<>();

    /** One sample of noise at unit RMS, the {@code at}-th of the room's sound; {@code room} draws what is random. */
    double sample(int sampleRate, long at, long start, Random room) {
        if (this == WHITE) {
            return room.nextGaussian();
        }
        short[] babble = BABBLES.computeIfAbsent(sampleRate, Noise::babble);
        return babble[(int) ((start + at) % babble.length)] / 1000.0;
    }

    /** Where in its loop the babble starts (for white noise, nothing). */
    long start(int sampleRate, Random room) {
        return this == WHITE ? 0 : room.nextInt(BABBLES.computeIfAbsent(sampleRate, Noise::babble).length);
    }

    /** The four talkers mixed, each first brought to RMS 500, the whole at RMS 1000, as long as the longest. */
    private static short[] babble(int sampleRate) {
        try {
            short[][] talkers = new short[TALKERS.size()][];
            int length = 0;
            for (int t = 0; t < talkers.length; t++) {
                talkers[t] = TALKERS.get(t).read(SENTENCES.get(t), sampleRate);
                length = Math.max(length, talkers[t].length);
            }
            double[] mixed = new double[length];
            for (int t = 0; t < talkers.length; t++) {
                double scale = 500 / Captures.rms(talkers[t]);
                // Each talker loops from a point of its own: never all silent together.
                int offset = t * length / talkers.length;
                for (int i = 0; i < length; i++) {
                    mixed[i] += talkers[t][(offset + i) % talkers[t].length] * scale;
                }
            }
            double scale = 1000 / rms(mixed);
            short[] babble = new short[length];
            for (int i = 0; i < length; i++) {
                babble[i] = (short) Math.round(mixed[i] * scale);
            }
            return babble;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double rms(double[] samples) {
        double sum = 0;
        for (double sample : samples) {
            sum += sample * sample;
        }
        return Math.sqrt(sum / samples.length);
    }
}
