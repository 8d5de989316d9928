package dev.likeness.identity.capture;

import java.nio.file.Path;
import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The capture contract (service README, "Capture contract"). */
@ConfigMapping(prefix = "likeness.capture")
public interface CaptureConfig {

    /** Largest accepted upload. */
    @WithDefault("50M")
    MemorySize maxSize();

    @WithDefault("2s")
    Duration minDuration();

    @WithDefault("10s")
    Duration maxDuration();

    /** Largest picture (width × height) decoded; larger frames are refused before decoding. 1920×1080 by default. */
    @WithDefault("2073600")
    long maxPixels();

    /** Video frames per second, on average over the longest allowed capture, past which decoding stops. */
    @WithDefault("60")
    int maxFrameRate();

    /** Where an upload waits during its verification, deleted right after: this service's user's alone ({@link CaptureDirectory}). */
    @WithDefault("${java.io.tmpdir}/likeness-captures")
    Path uploadDirectory();

    /** An upload file older than this was left by a crash: no upload and verification take so long. */
    @WithDefault("15m")
    Duration abandonedAfter();

    /** How often abandoned upload files are swept (also once at start). */
    @WithDefault("5m")
    Duration sweepInterval();

    /** Verifications one instance runs at once; each takes a core for a few seconds. */
    @WithDefault("2")
    int concurrentVerifications();

    /** Captures that may upload or wait for a verification beyond those running; more answer 503. */
    @WithDefault("8")
    int queuedVerifications();

    /** Failed captures (liveness-failed, capture-unreadable, verification-error) a person may make within {@link #failureWindow()}. */
    @WithDefault("5")
    int maxFailures();

    /** How long a failed capture counts; after maxFailures of them, attempts wait until the oldest leaves it. */
    @WithDefault("3m")
    Duration failureWindow();
}
