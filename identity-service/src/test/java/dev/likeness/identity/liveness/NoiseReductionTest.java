package dev.likeness.identity.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.LongToDoubleFunction;

import org.junit.jupiter.api.Test;

import dev.likeness.captures.Noise;
import dev.likeness.identity.capture.CaptureMedia;

class NoiseReductionTest {

    private static final int RATE = CaptureMedia.SAMPLE_RATE;
    /** The "voice": a 200 Hz buzz with harmonics, from 1 s to 2 s of a 3 s capture. */
    private static final int FROM = RATE;
    private static final int TO = 2 * RATE;

    @Test
    void aSteadyNoiseIsTurnedDownAndTheVoiceStays() {
        double[] voice = voice(3 * RATE);
        short[] recorded = recorded(voice, Noise.WHITE, 1000, 20261206L);
        short[] reduced = NoiseReduction.apply(recorded).voice();

        assertEquals(recorded.length, reduced.length);
        // Where only the room is heard: about 20 dB down (the gain's floor), at least 15.
        double before = rms(recorded, 0, FROM);
        double after = rms(reduced, 0, FROM);
        assertTrue(db(before / after) > 15, "noise turned down by " + db(before / after) + " dB");
        // Where the voice is: what differs from the voice alone is much less than the noise was.
        double noiseBefore = rmsDifference(recorded, voice, FROM, TO);
        double noiseAfter = rmsDifference(reduced, voice, FROM, TO);
        assertTrue(db(noiseBefore / noiseAfter) > 6, "SNR under the voice improved by " + db(noiseBefore / noiseAfter) + " dB");
        double kept = rms(reduced, FROM, TO) / rms(voice, FROM, TO);
        assertTrue(kept > 0.8 && kept < 1.2, "the voice's level kept: " + kept);
    }

    @Test
    void aQuietRoomIsLeftAsItWas() {
        short[] recorded = recorded(voice(3 * RATE), Noise.WHITE, 30, 7L);
        short[] reduced = NoiseReduction.apply(recorded).voice();
        for (int i = 0; i < recorded.length; i++) {
            assertTrue(Math.abs(recorded[i] - reduced[i]) <= 1, "sample " + i + ": " + recorded[i] + " became " + reduced[i]);
        }
    }

    /**
     * Under other people talking the recogniser is better off with the capture as recorded (measured
     * on the corpus), so the filter must tell a steady room from a café at the same level.
     */
    @Test
    void steadyNoiseIsToldFromOtherPeopleTalking() {
        double[] voice = voice(3 * RATE);
        for (Noise room : Noise.values()) {
            for (double level : new double[] {100, 300, 1000}) {
                NoiseReduction.Reduced reduced = NoiseReduction.apply(recorded(voice, room, level, 20261207L));
                assertEquals(room != Noise.BABBLE, reduced.steady(),
                        room + " at RMS " + level + ": the next-quietest frames " + reduced.unsteadiness() + " dB over the quietest");
            }
        }
    }

    private static double[] voice(int length) {
        double[] voice = new double[length];
        for (int i = FROM; i < TO; i++) {
            double t = i / (double) RATE;
            voice[i] = 3000 * Math.sin(2 * Math.PI * 200 * t) + 1500 * Math.sin(2 * Math.PI * 400 * t) + 800 * Math.sin(2 * Math.PI * 1200 * t);
        }
        return voice;
    }

    private static short[] recorded(double[] voice, Noise kind, double level, long seed) {
        LongToDoubleFunction room = kind.in(RATE, new Random(seed));
        short[] recorded = new short[voice.length];
        for (int i = 0; i < voice.length; i++) {
            recorded[i] = (short) Math.round(voice[i] + room.applyAsDouble(i) * level);
        }
        return recorded;
    }

    private static double rms(short[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    private static double rms(double[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += samples[i] * samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    private static double rmsDifference(short[] samples, double[] voice, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (samples[i] - voice[i]) * (samples[i] - voice[i]);
        }
        return Math.sqrt(sum / (to - from));
    }

    private static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }
}
