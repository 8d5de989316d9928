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

    /** Where an upload waits during its verification; deleted right after. */
    @WithDefault("${java.io.tmpdir}/likeness-captures")
    Path uploadDirectory();

    /** Failed captures (liveness-failed, capture-unreadable) a person may make within {@link #failureWindow()}. */
    @WithDefault("5")
    int maxFailures();

    /** How long a failed capture counts; after maxFailures of them, attempts wait until the oldest leaves it. */
    @WithDefault("3m")
    Duration failureWindow();
}
