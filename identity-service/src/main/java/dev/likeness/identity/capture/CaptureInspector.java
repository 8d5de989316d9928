package dev.likeness.identity.capture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

import io.quarkus.runtime.StartupEvent;

/**
 * Media sanity of a capture, read by FFmpeg: a real MP4 or WebM container with a video and an
 * audio track, of a plausible duration. Face, motion and speech analysis are not part of this
 * verifier yet (service README, "What the verifier checks").
 */
@ApplicationScoped
public class CaptureInspector {

    public static final String METHOD = "built-in/container";

    private final CaptureConfig config;

    CaptureInspector(CaptureConfig config) {
        this.config = config;
    }

    /** Loads FFmpeg's natives at startup rather than on the first capture. */
    void warmUp(@Observes StartupEvent event) {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    public List<Check> inspect(Path capture) {
        List<Check> checks = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(capture.toFile())) {
            grabber.start();
            String format = grabber.getFormat();
            boolean container = format.contains("mp4") || format.contains("webm") || format.contains("matroska");
            checks.add(new Check("container", container, format, "MP4 or WebM"));
            checks.add(new Check("video-track", grabber.hasVideo(),
                    grabber.hasVideo() ? grabber.getVideoCodecName() + " " + grabber.getImageWidth() + "x" + grabber.getImageHeight() : "none",
                    "present"));
            checks.add(new Check("audio-track", grabber.hasAudio(),
                    grabber.hasAudio() ? grabber.getAudioCodecName() + " " + grabber.getSampleRate() + " Hz" : "none",
                    "present"));
            Duration duration = duration(grabber);
            boolean plausible = duration.compareTo(config.minDuration()) >= 0 && duration.compareTo(config.maxDuration()) <= 0;
            checks.add(new Check("duration", plausible, seconds(duration),
                    seconds(config.minDuration()) + " to " + seconds(config.maxDuration())));
        } catch (FrameGrabber.Exception | RuntimeException unreadable) {
            checks.clear();
            checks.add(new Check("container", false, "unreadable", "MP4 or WebM"));
        }
        return checks;
    }

    /** The container's duration, or, where it records none (fragmented MP4, live WebM), the last packet's end. */
    private static Duration duration(FFmpegFrameGrabber grabber) throws FrameGrabber.Exception {
        long micros = grabber.getLengthInTime();
        if (micros > 0) {
            return Duration.ofNanos(micros * 1000);
        }
        AVFormatContext context = grabber.getFormatContext();
        double end = 0;
        for (AVPacket packet; (packet = grabber.grabPacket()) != null; ) {
            AVRational base = context.streams(packet.stream_index()).time_base();
            if (packet.pts() != avutil.AV_NOPTS_VALUE) {
                end = Math.max(end, (packet.pts() + packet.duration()) * avutil.av_q2d(base));
            }
        }
        return Duration.ofNanos((long) (end * 1e9));
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f s", duration.toNanos() / 1e9);
    }
}
