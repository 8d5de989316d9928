package dev.likeness.captures;

/**
 * A sound's level in the telephone band (ITU-T G.712, 300 to 3400 Hz), where the sounds that tell
 * one digit from another are: the level a noisy capture's SNR is set by, as Aurora-2 (ETSI's
 * benchmark of spoken digits in noise, babble among them) sets it. Over the whole band, a voice's
 * level counts its fundamental: flite's {@code slt} has 83 % of its energy at 120 to 200 Hz and 1 %
 * at 1 to 4 kHz (espeak-ng's voices about 20 %), so at the same full-band SNR its consonants were
 * about 12 dB nearer the noise than theirs.
 */
final class TelephoneBand {

    private static final double LOW = 300;
    private static final double HIGH = 3400;
    /** The two sections' Q of a fourth-order Butterworth filter: 24 dB an octave outside the band. */
    private static final double[] BUTTERWORTH_Q = {0.5412, 1.3066};

    private TelephoneBand() {
    }

    static double rms(short[] samples, int sampleRate) {
        double[] copy = new double[samples.length];
        for (int i = 0; i < samples.length; i++) {
            copy[i] = samples[i];
        }
        return rmsInPlace(copy, sampleRate);
    }

    /** Filters {@code samples} in place (fourth-order high-pass at 300 Hz, low-pass at 3400 Hz); returns their RMS. */
    static double rmsInPlace(double[] samples, int sampleRate) {
        for (double q : BUTTERWORTH_Q) {
            biquad(samples, sampleRate, LOW, q, true);
            biquad(samples, sampleRate, HIGH, q, false);
        }
        double sum = 0;
        for (double sample : samples) {
            sum += sample * sample;
        }
        return samples.length == 0 ? 0 : Math.sqrt(sum / samples.length);
    }

    /** One second-order section (Robert Bristow-Johnson's Audio EQ Cookbook). */
    private static void biquad(double[] samples, int sampleRate, double corner, double q, boolean highPass) {
        double w0 = 2 * Math.PI * corner / sampleRate;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * q);
        double b0 = (highPass ? 1 + cos : 1 - cos) / 2;
        double b1 = highPass ? -(1 + cos) : 1 - cos;
        double a0 = 1 + alpha;
        double a1 = -2 * cos;
        double a2 = 1 - alpha;
        double x1 = 0;
        double x2 = 0;
        double y1 = 0;
        double y2 = 0;
        for (int i = 0; i < samples.length; i++) {
            double x = samples[i];
            double y = (b0 * x + b1 * x1 + b0 * x2 - a1 * y1 - a2 * y2) / a0;
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            samples[i] = y;
        }
    }
}
