package dev.likeness.identity.capture;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacv.FrameGrabber;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * An upload's bytes on their way to the checks, as the capture endpoint handles them: streamed to a
 * private file, its first bytes compared with the declared container, then decoded by FFmpeg. Any
 * bytes are either refused (the container sniff, or FFmpeg's {@link FrameGrabber.Exception}: the
 * verifier's {@code container} check fails), stopped at a bound of the contract, or decoded into media the checks can judge; never
 * another exception, and never longer than the timeout. FFmpeg is native code: Jazzer's coverage
 * guidance sees only the Java side (javacv and this service), so seeds matter here.
 */
class CaptureMediaFuzzTest {

    private static final long MAX_SIZE = 50L * 1024 * 1024;
    private static final CaptureMedia.Bounds BOUNDS = new CaptureMedia.Bounds(10.25, "2.00 s to 10.00 s", 1920 * 1080, 60);

    @TempDir
    static Path uploads;

    @BeforeAll
    static void loadFFmpeg() {
        // Loaded here so the per-input timeout does not count it (seconds on a busy machine).
        Loader.load(avformat.class);
        // One error line per broken input would flood the fuzzing output; the outcome is asserted instead.
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    }

    /** Per input: JUnit's timeout in regression mode, libFuzzer's (-timeout) when fuzzing. */
    @FuzzTest
    @Timeout(10)
    void anyUploadIsDecodedOrRefused(byte[] body) throws IOException {
        try (CaptureUpload upload = CaptureUpload.receive(new ByteArrayInputStream(body), MAX_SIZE, uploads)) {
            if (!upload.looksLike("video/mp4") && !upload.looksLike("video/webm")) {
                return;
            }
            CaptureMedia media;
            try {
                media = CaptureMedia.read(upload.file(), BOUNDS, 10, 128, picture -> { });
            } catch (FrameGrabber.Exception | CaptureMedia.OutsideContract refused) {
                return;
            }
            assertNotNull(media.format(), "the container check reads the format");
        }
    }
}
