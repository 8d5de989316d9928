package dev.likeness.devstack.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A service's OpenAPI document is committed ({@code openapi.yaml} beside its pom): a change to
 * the API shows in review, and a client can be generated without running the service. This
 * compares what the service serves with the committed file. {@code -Dopenapi.update=true}
 * writes the served document there instead, for a change meant to alter the API.
 */
public final class OpenApiDocument {

    private static final Path COMMITTED = Path.of("openapi.yaml");
    private static final Path SERVED = Path.of("target", "openapi.yaml");

    private OpenApiDocument() {
    }

    public static void assertCommitted(String served) {
        try {
            if (Boolean.getBoolean("openapi.update")) {
                Files.writeString(COMMITTED, served);
                return;
            }
            String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";
            if (!committed.equals(served)) {
                Files.createDirectories(SERVED.getParent());
                Files.writeString(SERVED, served);
                fail("The service's API differs from the committed " + COMMITTED.toAbsolutePath() + ": compare it with "
                        + SERVED.toAbsolutePath() + "; if the change is meant, run this test with -Dopenapi.update=true and commit the file");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
