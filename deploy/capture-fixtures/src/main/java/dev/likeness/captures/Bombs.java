package dev.likeness.captures;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Captures built to cost the verifier far more than a real one: small files that are valid media
 * but decode into hours, huge pictures or thousands of frames, or that nest their container
 * deeper than any parser should follow. Each is outside the capture contract in one way (the
 * check that must refuse it), and the same bomb always has the same bytes.
 */
public final class Bombs {

    public enum Bomb {
        /** 64×64 video at 1 fps over 30 s of 6 kbit/s Opus, in a live WebM that declares no duration. */
        LONG_AUDIO("video/webm", "audio-length"),
        /** A 4096×4096 frame: 16.8 million pixels. */
        HUGE_PICTURE("video/webm", "resolution"),
        /** 16×16 at 1,000 frames a second for three seconds. */
        TINY_FRAMES("video/mp4", "video-frames"),
        /** An MP4 whose boxes are nested 10,000 deep. */
        DEEP_NESTING("video/mp4", "container");

        public final String mediaType;
        /** The verification check that refuses it. */
        public final String failedCheck;

        Bomb(String mediaType, String failedCheck) {
            this.mediaType = mediaType;
            this.failedCheck = failedCheck;
        }
    }

    private static final long SEED = 22;

    private Bombs() {
    }

    public static byte[] of(Bomb bomb) {
        return switch (bomb) {
            case LONG_AUDIO -> encode("webm", 64, 64, 1, 30, true);
            case HUGE_PICTURE -> encode("webm", 4096, 4096, 1, 1, false);
            case TINY_FRAMES -> encode("mp4", 16, 16, 1000, 3, false);
            case DEEP_NESTING -> nestedBoxes(10_000);
        };
    }

    /** Noise pictures (and, with {@code audio}, noise at a whisper), {@code seconds} long. */
    private static byte[] encode(String format, int width, int height, int frameRate, int seconds, boolean audio) {
        return Captures.encoded(format, file -> {
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file, width, height, audio ? 1 : 0)) {
                recorder.setFormat(format);
                recorder.setFrameRate(frameRate);
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                recorder.setMetadata("comment", "likeness capture bomb");
                if (format.equals("webm")) {
                    recorder.setVideoCodec(avcodec.AV_CODEC_ID_VP8);
                    recorder.setAudioCodec(avcodec.AV_CODEC_ID_OPUS);
                    recorder.setSampleRate(48_000);
                    recorder.setAudioBitrate(6_000);
                    // As a live stream is written: no duration in the header, so only decoding finds the length.
                    recorder.setOption("live", "1");
                } else {
                    recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
                }
                recorder.start();
                Random noise = new Random(SEED);
                Frame picture = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
                for (int i = 0; i < seconds * frameRate; i++) {
                    ByteBuffer pixels = (ByteBuffer) picture.image[0];
                    for (int p = 0; p < Math.min(pixels.capacity(), 4096); p++) {
                        pixels.put(p, (byte) noise.nextInt(256));
                    }
                    recorder.record(picture);
                    if (audio) {
                        short[] samples = new short[48_000 / frameRate];
                        for (int s = 0; s < samples.length; s++) {
                            samples[s] = (short) (noise.nextGaussian() * 30);
                        }
                        recorder.recordSamples(48_000, 1, ShortBuffer.wrap(samples));
                    }
                }
                recorder.stop();
            }
        });
    }

    /** An {@code ftyp} box, then {@code moov} boxes each holding the next, {@code depth} deep. */
    private static byte[] nestedBoxes(int depth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        box(out, 16, "ftyp");
        out.writeBytes("isom".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[4]);
        for (int level = 0; level < depth; level++) {
            box(out, 8 * (depth - level), "moov");
        }
        return out.toByteArray();
    }

    private static void box(ByteArrayOutputStream out, int size, String type) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(size).array());
        out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
    }
}
