package dev.likeness.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * What the browser shows (its viewport: 1280×757 in the 1280×900 window), saved as PNG under
 * deploy/system-tests/target/screenshots: a page a journey went through can be looked at afterwards.
 */
final class Screenshots {

    static final Path DIRECTORY = Path.of(System.getProperty("likeness.repository", "../.."))
            .resolve("deploy/system-tests/target/screenshots");

    private Screenshots() {
    }

    /** Saves the current page as {@code <name>.png}, replacing an older one; returns the file. */
    static Path save(WebDriver driver, String name) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a screenshot's name is a file name without extension: " + name);
        }
        try {
            Files.createDirectories(DIRECTORY);
            return Files.write(DIRECTORY.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
