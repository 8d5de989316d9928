package dev.likeness.captures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongToDoubleFunction;

/**
 * The kind of noise a room adds under the voice. {@link #WHITE} is steady hiss. {@link #ROOM_TONE}
 * is what a quiet room really sounds like, its energy low in the spectrum where a voice's is:
 * pink noise (Paul Kellet's filter) under a 50 Hz mains hum and its harmonics. {@link #BABBLE} is
 * other people talking at once (a café, an office): four voices of two engines reading Harvard
 * sentences (IEEE 1969, public domain, chosen without number words), each at the same level and
 * looped from its own point, which no filter can tell from the voice by its steadiness.
 */
public enum Noise {
    WHITE,
    ROOM_TONE,
    BABBLE;

    private static final List<Voice> TALKERS = List.of(Voice.espeak("en-us", 160, 40), Voice.espeak("en-gb", 180, 60),
            Voice.flite("awb"), Voice.flite("rms"));
    private static final List<String> SENTENCES = List.of(
            "The birch canoe slid on the smooth planks. Glue the sheet to the dark blue background.",
            "It is easy to tell the depth of a well. These days a chicken leg is a rare dish.",
            "Rice is often served in round bowls. The juice of lemons makes fine punch.",
            "The box was thrown beside the parked truck. The hogs were fed chopped corn and garbage.");
    private static final Map<Integer, short[]> BABBLES = new ConcurrentHashMap<>();
    private static final Map<Integer, short[]> TONES = new ConcurrentHashMap<>();
    private final Map<Integer, Double> telephoneBandLevels = new ConcurrentHashMap<>();

    /**
     * The room's sound at unit RMS, sample by sample from the recording's first: white noise draws
     * each sample from {@code room}; a looped noise draws only where in its loop it starts. Public
     * for tests that put a room under a signal of their own.
     */
    public LongToDoubleFunction in(int sampleRate, Random room) {
        if (this == WHITE) {
            return at -> room.nextGaussian();
        }
        short[] loop = loop(sampleRate);
        long start = room.nextInt(loop.length);
        return at -> loop[(int) ((start + at) % loop.length)] / 1000.0;
    }

    /** The level of this noise at unit RMS in the telephone band ({@link TelephoneBand}), over 10 s of it. */
    double telephoneBandLevel(int sampleRate) {
        return telephoneBandLevels.computeIfAbsent(sampleRate, rate -> {
            LongToDoubleFunction sound = in(rate, new Random(0));
            double[] samples = new double[10 * rate];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = sound.applyAsDouble(i);
            }
            return TelephoneBand.rmsInPlace(samples, rate);
        });
    }

    private short[] loop(int sampleRate) {
        return this == BABBLE ? BABBLES.computeIfAbsent(sampleRate, Noise::babble) : TONES.computeIfAbsent(sampleRate, Noise::roomTone);
    }

    /** Ten seconds of pink noise and hum at RMS 1000, always the same (its own seed). */
    private static short[] roomTone(int sampleRate) {
        Random random = new Random(50);
        double[] tone = new double[10 * sampleRate];
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        for (int i = 0; i < tone.length; i++) {
            double white = random.nextGaussian();
            b0 = 0.99886 * b0 + white * 0.0555179;
            b1 = 0.99332 * b1 + white * 0.0750759;
            b2 = 0.96900 * b2 + white * 0.1538520;
            b3 = 0.86650 * b3 + white * 0.3104856;
            b4 = 0.55000 * b4 + white * 0.5329522;
            b5 = -0.7616 * b5 - white * 0.0168980;
            double pink = b0 + b1 + b2 + b3 + b4 + b5 + b6 + white * 0.5362;
            b6 = white * 0.115926;
            double t = i / (double) sampleRate;
            double hum = Math.sin(2 * Math.PI * 50 * t) + 0.5 * Math.sin(2 * Math.PI * 100 * t) + 0.25 * Math.sin(2 * Math.PI * 150 * t);
            tone[i] = pink + 0.5 * hum;
        }
        return atLevel(tone, 1000);
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
            return atLevel(mixed, 1000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static short[] atLevel(double[] samples, double level) {
        double scale = level / rms(samples);
        short[] scaled = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            scaled[i] = (short) Math.round(samples[i] * scale);
        }
        return scaled;
    }

    private static double rms(double[] samples) {
        double sum = 0;
        for (double sample : samples) {
            sum += sample * sample;
        }
        return Math.sqrt(sum / samples.length);
    }
}
