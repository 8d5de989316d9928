package dev.likeness.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Real video files encoded by FFmpeg when needed (tests, the demo): no capture is downloaded or committed. The
 * seed changes the pixels, so each capture has its own bytes (a capture verifies only once).
 */
public final class Captures {

    private static final int WIDTH = 160;
    private static final int HEIGHT = 120;
    private static final int FPS = 15;
    private static final int SAMPLE_RATE = 16_000;

    public enum Container {
        MP4("mp4", "video/mp4", avcodec.AV_CODEC_ID_H264, avcodec.AV_CODEC_ID_AAC),
        WEBM("webm", "video/webm", avcodec.AV_CODEC_ID_VP8, avcodec.AV_CODEC_ID_OPUS);

        final String format;
        public final String mediaType;
        final int videoCodec;
        final int audioCodec;

        Container(String format, String mediaType, int videoCodec, int audioCodec) {
            this.format = format;
            this.mediaType = mediaType;
            this.videoCodec = videoCodec;
            this.audioCodec = audioCodec;
        }
    }

    static {
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
    }

    private Captures() {
    }

    /** A clip with a moving picture and a tone: what the container-level verifier accepts. */
    public static byte[] clip(Container container, double seconds, long seed) {
        return encode(container, seconds, seed, true, true);
    }

    public static byte[] withoutAudio(Container container, double seconds, long seed) {
        return encode(container, seconds, seed, true, false);
    }

    private static byte[] encode(Container container, double seconds, long seed, boolean video, boolean audio) {
        Path file = null;
        try {
            file = Files.createTempFile("capture", "." + container.format);
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), video ? WIDTH : 0, video ? HEIGHT : 0,
                    audio ? 1 : 0)) {
                recorder.setFormat(container.format);
                recorder.setFrameRate(FPS);
                recorder.setVideoCodec(container.videoCodec);
                recorder.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P);
                recorder.setAudioCodec(container.audioCodec);
                recorder.setSampleRate(container == Container.WEBM ? 48_000 : SAMPLE_RATE);
                recorder.setAudioBitrate(32_000);
                recorder.start();
                int frames = (int) Math.round(seconds * FPS);
                int rate = recorder.getSampleRate();
                for (int i = 0; i < frames; i++) {
                    if (video) {
                        recorder.record(picture(i, seed));
                    }
                    if (audio) {
                        recorder.recordSamples(rate, 1, tone(i, rate / FPS, rate));
                    }
                }
                recorder.stop();
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    private static Frame picture(int index, long seed) {
        Frame frame = new Frame(WIDTH, HEIGHT, Frame.DEPTH_UBYTE, 3);
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int offset = y * frame.imageStride + x * 3;
                pixels.put(offset, (byte) (x + index * 4 + seed));
                pixels.put(offset + 1, (byte) (y * 2 + (seed >> 8)));
                pixels.put(offset + 2, (byte) ((x ^ y) + (seed >> 16)));
            }
        }
        return frame;
    }

    private static ShortBuffer tone(int frameIndex, int samples, int rate) {
        ShortBuffer buffer = ShortBuffer.allocate(samples);
        for (int i = 0; i < samples; i++) {
            double t = (frameIndex * samples + i) / (double) rate;
            buffer.put((short) (Math.sin(2 * Math.PI * 440 * t) * 8000));
        }
        buffer.flip();
        return buffer;
    }
}
