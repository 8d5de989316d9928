package dev.likeness.identity.liveness;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
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

    private static final String CMUDICT = "/edu/cmu/sphinx/models/en-us/cmudict-en-us.dict";
    /** Sphinx4's US English acoustic model, as sphinx4-data ships it. */
    static final String ACOUSTIC_MODEL = "/edu/cmu/sphinx/models/en-us/en-us";

    private final Configuration configuration = new Configuration();
    private final int count;
    /** Renews the recognizer after a hearing that left it deaf, while the capture's verdict goes out. */
    private final ExecutorService renewer = DaemonThread.executor("sphinx4-renewer", 0);
    private CompletableFuture<WholeCapture> recognizer;

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
        this(count, "resource:" + ACOUSTIC_MODEL);
    }

    /** @param acousticModel where the acoustic model lies: a {@code resource:} path or a URL */
    Sphinx4Digits(int count, String acousticModel) {
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
            Path dictionary = grammars.resolve("digits.dict");
            Files.write(dictionary, digitPronunciations());
            grammars.toFile().deleteOnExit();
            grammar.toFile().deleteOnExit();
            dictionary.toFile().deleteOnExit();
            configuration.setAcousticModelPath(acousticModel);
            configuration.setDictionaryPath(dictionary.toUri().toString());
            configuration.setGrammarPath(grammars.toUri().toString());
            configuration.setGrammarName("digits");
            configuration.setUseGrammar(true);
            configuration.setSampleRate(CaptureMedia.SAMPLE_RATE);
            recognizer = CompletableFuture.completedFuture(fresh());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The lines of CMUdict (as sphinx4-data ships it) for the words the grammar has. Sphinx4 loads
     * its dictionary at every hearing (it allocates its search per utterance): all 130,000 words
     * were a tenth of its time in a profile, and about 200 MB of the heap.
     */
    private static List<String> digitPronunciations() throws IOException {
        try (InputStream all = Sphinx4Digits.class.getResourceAsStream(CMUDICT)) {
            if (all == null) {
                throw new IOException("missing " + CMUDICT);
            }
            return new BufferedReader(new InputStreamReader(all, StandardCharsets.UTF_8)).lines()
                    .filter(line -> SpokenDigits.digit(line.replaceFirst("(\\(\\d+\\))? .*", "")) >= 0).toList();
        }
    }

    @Override
    public synchronized String hear(short[] pcm) {
        ByteBuffer bytes = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(pcm);
        WholeCapture current = ready();
        current.startAfresh(new ByteArrayInputStream(bytes.array()));
        StringBuilder heard = new StringBuilder();
        try {
            for (SpeechResult result; (result = current.getResult()) != null; ) {
                for (WordResult word : result.getWords()) {
                    String spelling = word.getWord().getSpelling();
                    int digit = SpokenDigits.digit(spelling);
                    if (digit >= 0) {
                        heard.append((char) ('0' + digit));
                    }
                }
            }
        } finally {
            current.stopRecognition();
        }
        if (heard.length() != count) {
            renew();
        }
        return heard.toString();
    }

    /**
     * Sphinx4 5prealpha's stream recognizer stays deaf after a recognition that ends without a full
     * result (noise, silence): measured here, every later capture was then heard as nothing. A
     * fresh one keeps one bad capture from failing the next person's. It took up to a second (15 of
     * 108 hearings in babble needed one), so it is made after this hearing has returned.
     */
    private void renew() {
        recognizer = CompletableFuture.supplyAsync(this::fresh, renewer);
    }

    /**
     * The recognizer for this hearing: the one renewed after the last. If that renewal failed,
     * another is made now: this hearing fails if it fails too, and the next tries again. A failed
     * renewal left in place would fail every later hearing until the service restarts.
     */
    private WholeCapture ready() {
        try {
            return recognizer.join();
        } catch (CompletionException renewalFailed) {
            WholeCapture fresh = fresh();
            recognizer = CompletableFuture.completedFuture(fresh);
            return fresh;
        }
    }

    private WholeCapture fresh() {
        try {
            return new WholeCapture(configuration);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        renewer.shutdown();
    }
}
