package dev.likeness.captures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program the tests run to its end (apt-get, espeak-ng, flite, kustomize): its output and errors
 * go to files, so a full pipe never blocks it and its time limit holds; a failure says which
 * command, why, and what it wrote to its standard error.
 */
public final class Commands {

    private Commands() {
    }

    /** What {@code command} writes to its standard output, once it exits 0 within {@code timeout}. */
    public static byte[] run(List<String> command, Duration timeout) {
        return run(command, Map.of(), timeout);
    }

    public static byte[] run(List<String> command, Map<String, String> environment, Duration timeout) {
        try {
            Path output = Files.createTempFile("command", ".out");
            Path errors = Files.createTempFile("command", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " took longer than " + timeout + ": "
                            + Files.readString(errors));
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
                            + Files.readString(errors));
                }
                return Files.readAllBytes(output);
            } finally {
                Files.delete(output);
                Files.delete(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
