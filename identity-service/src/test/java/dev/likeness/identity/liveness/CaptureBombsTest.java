package dev.likeness.identity.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.likeness.captures.Bombs;
import dev.likeness.captures.Captures;
import dev.likeness.identity.capture.Check;

/**
 * Captures built to be expensive are refused by the check of the bound they cross, judged on what
 * the container declares or at the first frame past the bound, never decoded to the end.
 */
class CaptureBombsTest {

    private static final Challenge CHALLENGE = new Challenge("nonce", "123456", List.of(Challenge.Move.LEFT, Challenge.Move.RIGHT));
    private static BuiltInVerifier verifier;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() {
        verifier = BuiltIn.verifier();
    }

    @AfterAll
    static void stop() throws Exception {
        verifier.close();
    }

    @ParameterizedTest
    @EnumSource(Bombs.Bomb.class)
    void aBombFailsTheCheckOfItsBound(Bombs.Bomb bomb) throws IOException {
        assertEquals(List.of(bomb.failedCheck), failedChecks(Bombs.of(bomb)));
    }

    @Test
    void aDeclaredLengthPastTheContractIsRefusedBeforeDecoding() throws IOException {
        Path file = Files.write(directory.resolve("long.mp4"), Captures.clip(Captures.Container.MP4, 12, 22));
        Check duration = verifier.verify(file, CHALLENGE).verification().checks().stream()
                .filter(check -> !check.passed()).findFirst().orElseThrow();
        assertEquals(new Check("duration", false, "12.00 s declared", "2.00 s to 10.00 s"), duration);
    }

    private List<String> failedChecks(byte[] capture) throws IOException {
        Path file = Files.write(directory.resolve("capture"), capture);
        return verifier.verify(file, CHALLENGE).verification().checks().stream()
                .filter(check -> !check.passed()).map(Check::name).toList();
    }
}
