package dev.likeness.identity.liveness;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.SpeechResult;
import edu.cmu.sphinx.api.StreamSpeechRecognizer;
import edu.cmu.sphinx.frontend.feature.LiveCMN;
import edu.cmu.sphinx.result.WordResult;

import dev.likeness.identity.capture.CaptureMedia;

/**
 * The digits spoken in a capture, by CMU Sphinx4 (US English acoustic model) in grammar mode:
 * the only sentences it can hear are as many digits as the challenge has, which makes it
 * robust enough for short, clear speech. One recognizer, used by one capture at a time.
 */
final class Sphinx4Digits implements SpokenDigits {

    private final Configuration configuration = new Configuration();
    private final int count;
    private WholeCapture recognizer;

    /**
     * Hears what it is given (the capture's span of speech) as one utterance: pauses between
     * digits must not split the challenge, and the second before speech is detected is kept (with
     * the default 50 ms, a first "two" was lost and the grammar filled in another digit), with a
     * narrower search beam.
     */
    private static final class WholeCapture extends StreamSpeechRecognizer {

        /**
         * The parent of Sphinx4's component loggers: each new recognizer sets it to INFO, which logs
         * a table of timers after every capture. Held here so the logger (and its level) stays.
         */
        private static final Logger SPHINX = Logger.getLogger("default.config");

        /**
         * Sphinx4's live cepstral mean normalisation keeps the mean of every capture heard before
         * and only estimates one afresh while its sums are unset; it offers no way to unset them.
         */
        private static final Field CMN_SUMS = cmnSums();

        private final LiveCMN cmn;

        WholeCapture(Configuration configuration) throws IOException {
            super(configuration);
            context.setLocalProperty("speechMarker->endSilence", "10000");
            context.setLocalProperty("speechMarker->speechLeader", "1000");
            // A grammar of ten words needs no 20,000-path beam, but other voices and noisy rooms need
            // Sphinx4's own relative beam (1e-60): at 1e-40, measured on the corpus, they were misheard
            // twice as often; a wider absolute beam than 3,000 changed nothing.
            context.setLocalProperty("activeList->absoluteBeamWidth", "3000");
            context.setLocalProperty("activeList->relativeBeamWidth", "1e-60");
            SPHINX.setLevel(Level.WARNING);
            cmn = context.getInstance(LiveCMN.class);
        }

        /**
         * Hears {@code speech} with a cepstral mean of its own (from its first 2 s): carried over,
         * the previous capture's room (noisy, quiet, another microphone) changed what the next
         * person was heard saying. Measured on the corpus, a fresh mean hears as well.
         */
        void startAfresh(InputStream speech) {
            try {
                CMN_SUMS.set(cmn, null);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            startRecognition(speech);
        }

        private static Field cmnSums() {
            try {
                Field sums = LiveCMN.class.getDeclaredField("sum");
                sums.setAccessible(true);
                return sums;
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("Sphinx4's LiveCMN no longer keeps its sums in 'sum'", e);
            }
        }
    }

    Sphinx4Digits(int count) {
        this.count = count;
        try {
            Path grammars = Files.createTempDirectory("digits-grammar");
            Path grammar = grammars.resolve("digits.gram");
            // "oh" too: many people read 0 so. Without it, "oh" was mostly heard as "zero", but a digit
            // off for some voices (deploy/benchmarks/liveness-2026-12-07.md, "People who say oh").
            String digit = "(" + String.join(" | ", WORDS) + " | oh)";
            // Exactly as many digits as asked: measured on synthetic speech, a looser "digit+" rule
            // heard extra digits in half the clips.
            String rule = String.join(" ", Collections.nCopies(count, digit));
            Files.writeString(grammar, """
                    #JSGF V1.0;
                    grammar digits;
                    public <digits> = %s;
                    """.formatted(rule));
            grammars.toFile().deleteOnExit();
            grammar.toFile().deleteOnExit();
            configuration.setAcousticModelPath("resource:/edu/cmu/sphinx/models/en-us/en-us");
            configuration.setDictionaryPath("resource:/edu/cmu/sphinx/models/en-us/cmudict-en-us.dict");
            configuration.setGrammarPath(grammars.toUri().toString());
            configuration.setGrammarName("digits");
            configuration.setUseGrammar(true);
            configuration.setSampleRate(CaptureMedia.SAMPLE_RATE);
            recognizer = new WholeCapture(configuration);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized String hear(short[] pcm) {
        ByteBuffer bytes = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(pcm);
        recognizer.startAfresh(new ByteArrayInputStream(bytes.array()));
        StringBuilder heard = new StringBuilder();
        try {
            for (SpeechResult result; (result = recognizer.getResult()) != null; ) {
                for (WordResult word : result.getWords()) {
                    String spelling = word.getWord().getSpelling();
                    int digit = SpokenDigits.digit(spelling);
                    if (digit >= 0) {
                        heard.append((char) ('0' + digit));
                    }
                }
            }
        } finally {
            recognizer.stopRecognition();
        }
        if (heard.length() != count) {
            renew();
        }
        return heard.toString();
    }

    /**
     * Sphinx4 5prealpha's stream recognizer stays deaf after a recognition that ends without a full
     * result (noise, silence): measured here, every later capture was then heard as nothing. A
     * fresh one (about 2 s) keeps one bad capture from failing the next person's.
     */
    private void renew() {
        try {
            recognizer = new WholeCapture(configuration);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
