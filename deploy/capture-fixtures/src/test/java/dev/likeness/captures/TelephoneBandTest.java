package dev.likeness.captures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TelephoneBandTest {

    private static final int RATE = 16_000;

    @Test
    void aToneInTheBandKeepsItsLevel() {
        assertEquals(0, levelDb(500), 0.5);
        assertEquals(0, levelDb(2000), 0.5);
    }

    @Test
    void aVoicesFundamentalAndWhatIsAboveTheBandDoNotCount() {
        // 150 Hz: flite slt's fundamental, where most of its energy is; 6 kHz: above a telephone's band.
        assertTrue(levelDb(150) < -20, "150 Hz at " + levelDb(150) + " dB");
        assertTrue(levelDb(6000) < -20, "6 kHz at " + levelDb(6000) + " dB");
    }

    /** A second of a tone at {@code hertz}: its level in the band against its level, in dB. */
    private static double levelDb(double hertz) {
        short[] tone = new short[RATE];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) Math.round(10_000 * Math.sin(2 * Math.PI * hertz * i / RATE));
        }
        return 20 * Math.log10(TelephoneBand.rms(tone, RATE) / Captures.rms(tone));
    }
}
