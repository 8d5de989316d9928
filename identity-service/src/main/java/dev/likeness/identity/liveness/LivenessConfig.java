package dev.likeness.identity.liveness;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Which verifier decides, and the built-in verifier's thresholds (service README, "Liveness").
 * Each decision records the thresholds it was judged by, in its checks' {@code required} values.
 */
@ConfigMapping(prefix = "likeness.liveness")
public interface LivenessConfig {

    /** Digits a challenge asks to read aloud, 4 to 6; the speech recogniser listens for exactly as many. */
    @WithDefault("6")
    int digits();

    /** {@code built-in}, or the name of a vendor verifier on the class path. */
    @WithDefault("built-in")
    String verifier();

    /** Frames analysed per second of video. */
    @WithDefault("10")
    int sampledFramesPerSecond();

    /** Share of sampled frames that must show exactly one face. */
    @WithDefault("0.8")
    double minOneFaceRatio();

    /** Median mean absolute difference between sampled frames (grey levels 0–255) above which the picture moves. */
    @WithDefault("0.2")
    double minFrameDifference();

    /** Yaw (nose offset from the eyes' midpoint, in eye distances) that counts as a turn. */
    @WithDefault("0.15")
    double turnYaw();

    /** Yaw back within which the head faces the camera again. */
    @WithDefault("0.08")
    double neutralYaw();

    /** Speech needed in the capture. */
    @WithDefault("0.8s")
    Duration minSpeech();

    /** Spoken digits that may be misheard, dropped or added (edit distance; a reading shifted one place counts one). */
    @WithDefault("1")
    int maxDigitErrors();

    /** Largest difference between the video and audio tracks' lengths. */
    @WithDefault("0.25s")
    Duration maxTrackDrift();

    /** A vendor session verifies when the vendor succeeded with at least this confidence (0–100). */
    @WithDefault("90")
    double vendorMinConfidence();
}
