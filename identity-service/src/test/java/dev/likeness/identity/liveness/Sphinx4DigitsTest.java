package dev.likeness.identity.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.likeness.identity.capture.CaptureMedia;

/** Sphinx4's recognizer, renewed after every hearing with no full result, on a copy of its acoustic model. */
class Sphinx4DigitsTest {

    private static final List<String> MODEL_FILES = List.of("feat.params", "mdef", "means", "variances", "mixture_weights",
            "transition_matrices", "noisedict", "sendump");
    private static final short[] SILENCE = new short[CaptureMedia.SAMPLE_RATE];

    /**
     * A renewal that fails (here its model is gone when it is made) fails the next hearing, not
     * every later one: once the model is back, a hearing works again without a restart.
     */
    @Test
    void aFailedRenewalIsMadeAgainAtTheNextHearing(@TempDir Path directory) throws IOException {
        Path model = Files.createDirectory(directory.resolve("en-us"));
        for (String file : MODEL_FILES) {
            try (InputStream in = Sphinx4Digits.class.getResourceAsStream(Sphinx4Digits.ACOUSTIC_MODEL + "/" + file)) {
                Files.copy(in, model.resolve(file));
            }
        }
        try (Sphinx4Digits sphinx4 = new Sphinx4Digits(6, model.toUri().toString())) {
            Path away = Files.move(model.resolve("feat.params"), directory.resolve("feat.params"));
            // Silence gives no full result: the recognizer is renewed, without its model.
            assertEquals("", sphinx4.hear(SILENCE));
            assertThrows(RuntimeException.class, () -> sphinx4.hear(SILENCE));
            Files.move(away, model.resolve("feat.params"));
            assertEquals("", sphinx4.hear(SILENCE), "heard again once the model is back");
        }
    }
}
