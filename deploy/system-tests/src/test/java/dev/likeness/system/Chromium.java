package dev.likeness.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;


import dev.likeness.captures.Captures;
import dev.likeness.captures.DebianPackages;

/**
 * Headless Chromium from Debian's packages, driven through Debian's ChromeDriver: the browser of
 * the web console's journeys. Selenium downloads nothing (binary and driver are given to it), each
 * browser has a fresh profile, and closing quits it.
 */
final class Chromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<String> PACKAGES = List.of("chromium", "chromium-driver");

    /**
     * Headless, and quiet: no sandbox (root in a container has none), no GPU, /tmp rather than a
     * small /dev/shm, no QUIC, first-run UI, updates, sync or other traffic of its own.
     */
    private static final List<String> ARGUMENTS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-default-apps", "--window-size=1280,900");

    /**
     * A camera and microphone that play files, granted without a prompt. Chromium loops the files,
     * so a page should record no longer than {@code length}.
     */
    record FakeDevices(Path video, Path audio, Duration length) {

        /** An act of the sample captures as camera and microphone, its files written into a directory. */
        static FakeDevices playing(Captures.Act act, long seed, Path directory) {
            Path video = directory.resolve("camera.y4m");
            Path audio = directory.resolve("microphone.wav");
            return new FakeDevices(video, audio, Captures.writeFakeDevices(act, seed, video, audio));
        }

        List<String> arguments() {
            return List.of("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                    "--use-file-for-fake-video-capture=" + video, "--use-file-for-fake-audio-capture=" + audio);
        }
    }

    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A browser whose user speaks a language: {@code navigator.languages} and Accept-Language say it. */
    static Chromium start(Locale language) {
        return launch(language, List.of());
    }

    /** The same, with a fake camera and microphone. */
    static Chromium start(Locale language, FakeDevices devices) {
        return launch(language, devices.arguments());
    }

    private static Chromium launch(Locale language, List<String> extraArguments) {
        ensureInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        List<String> arguments = new ArrayList<>(ARGUMENTS);
        arguments.add("--user-data-dir=" + profile);
        arguments.add("--lang=" + language.toLanguageTag());
        arguments.addAll(extraArguments);
        options.addArguments(arguments);
        // --lang sets the UI language; the Accept-Language header and navigator.languages follow this preference.
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language.toLanguageTag()));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        try {
            return new Chromium(new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            delete(profile);
            throw e;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    /**
     * Installs Debian's chromium and chromium-driver when either is missing, as deploy/benchmark.sh
     * does for wrk: a fresh machine or CI has them after its first browser test. Only root can.
     */
    static void ensureInstalled() {
        DebianPackages.ensure("browser tests", PACKAGES, List.of(BINARY, DRIVER));
    }

    /** Best effort: a profile left in /tmp is litter, not a failure. */
    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // left for the OS's /tmp cleaning
        }
    }
}
