package dev.likeness.identity.capture;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * A capture decoded once by FFmpeg, as it streams: its tracks, lengths and audio (16 kHz mono),
 * and the sampled video frames handed to a consumer as they come (never all kept in memory).
 */
public record CaptureMedia(String format, String video, String audio, double videoSeconds, double audioSeconds,
                    double containerSeconds, short[] speech) {

    public static final int SAMPLE_RATE = 16_000;
    private static final ThreadLocal<Java2DFrameConverter> CONVERTER = ThreadLocal.withInitial(Java2DFrameConverter::new);

    /**
     * A sampled frame, scaled into a square (letterboxed): RGB in −1..1 for the face detector, and
     * grey levels. {@code frame} gives the full frame, only while the picture is being accepted.
     */
    public record Picture(double seconds, float[] rgb, float[] grey, Supplier<BufferedImage> frame) {

        /** A square of the full frame around a box given in the letterboxed square's 0–1 units. */
        public BufferedImage crop(float centerX, float centerY, float size) {
            BufferedImage full = frame.get();
            int side = Math.max(full.getWidth(), full.getHeight());
            int half = Math.round(size * side / 2);
            int x = Math.max(0, Math.round(centerX * side - (side - full.getWidth()) / 2f) - half);
            int y = Math.max(0, Math.round(centerY * side - (side - full.getHeight()) / 2f) - half);
            int width = Math.min(full.getWidth() - x, 2 * half);
            int height = Math.min(full.getHeight() - y, 2 * half);
            BufferedImage copy = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_INT_RGB);
            copy.getGraphics().drawImage(full.getSubimage(x, y, Math.max(1, width), Math.max(1, height)), 0, 0, null);
            return copy;
        }
    }

    public interface Pictures {
        void accept(Picture picture);
    }

    public boolean hasVideo() {
        return video != null;
    }

    public boolean hasAudio() {
        return audio != null;
    }

    /** The length to judge: the container's, or where it records none (fragmented MP4, live WebM) the longer track. */
    public double seconds() {
        return containerSeconds > 0 ? containerSeconds : Math.max(videoSeconds, audioSeconds);
    }

    /** Decodes {@code file}, handing {@code framesPerSecond} frames a second, scaled into {@code pictureSize}², to {@code pictures}. */
    public static CaptureMedia read(Path file, int framesPerSecond, int pictureSize, Pictures pictures) throws FrameGrabber.Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setSampleRate(SAMPLE_RATE);
            grabber.setAudioChannels(1);
            grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
            grabber.start();
            String video = grabber.hasVideo() ? grabber.getVideoCodecName() + " " + grabber.getImageWidth() + "x" + grabber.getImageHeight() : null;
            String audio = grabber.hasAudio() ? grabber.getAudioCodecName() + " " + grabber.getSampleRate() + " Hz" : null;
            double frameSeconds = grabber.getFrameRate() > 0 ? 1 / grabber.getFrameRate() : 0;
            double videoEnd = 0;
            double nextPicture = 0;
            short[] samples = new short[SAMPLE_RATE * 4];
            int sampleCount = 0;
            for (Frame frame; (frame = next(grabber)) != null; ) {
                double at = frame.timestamp / 1e6;
                if (frame.image != null) {
                    videoEnd = Math.max(videoEnd, at + frameSeconds);
                    if (at >= nextPicture) {
                        pictures.accept(picture(frame, at, pictureSize));
                        nextPicture = at + 1.0 / framesPerSecond - 1e-3;
                    }
                } else if (frame.samples != null) {
                    ShortBuffer chunk = (ShortBuffer) frame.samples[0];
                    if (sampleCount + chunk.remaining() > samples.length) {
                        samples = Arrays.copyOf(samples, Math.max(samples.length * 2, sampleCount + chunk.remaining()));
                    }
                    int count = chunk.remaining();
                    chunk.get(samples, sampleCount, count);
                    sampleCount += count;
                }
            }
            long length = grabber.getLengthInTime();
            return new CaptureMedia(grabber.getFormat(), video, audio, videoEnd, sampleCount / (double) SAMPLE_RATE,
                    length > 0 ? length / 1e6 : 0, Arrays.copyOf(samples, sampleCount));
        }
    }

    /**
     * The grabber refuses most broken media with its exception, but fails on some with a runtime
     * exception of its own (fuzzing found an audio stream that makes it dereference a null sample
     * pointer): that media is as undecodable as the rest.
     */
    private static Frame next(FFmpegFrameGrabber grabber) throws FrameGrabber.Exception {
        try {
            return grabber.grab();
        } catch (RuntimeException broken) {
            throw new FrameGrabber.Exception("undecodable media: " + broken, broken);
        }
    }

    private static Picture picture(Frame frame, double seconds, int size) {
        int side = Math.max(frame.imageWidth, frame.imageHeight);
        int padX = (side - frame.imageWidth) / 2;
        int padY = (side - frame.imageHeight) / 2;
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        float[] rgb = new float[size * size * 3];
        float[] grey = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int sx = x * side / size - padX;
                int sy = y * side / size - padY;
                int i = y * size + x;
                if (sx < 0 || sy < 0 || sx >= frame.imageWidth || sy >= frame.imageHeight) {
                    rgb[i * 3] = rgb[i * 3 + 1] = rgb[i * 3 + 2] = -1;
                    continue;
                }
                int offset = sy * frame.imageStride + sx * frame.imageChannels;
                int blue = pixels.get(offset) & 0xFF;
                int green = pixels.get(offset + 1) & 0xFF;
                int red = pixels.get(offset + 2) & 0xFF;
                rgb[i * 3] = red / 127.5f - 1;
                rgb[i * 3 + 1] = green / 127.5f - 1;
                rgb[i * 3 + 2] = blue / 127.5f - 1;
                grey[i] = 0.299f * red + 0.587f * green + 0.114f * blue;
            }
        }
        return new Picture(seconds, rgb, grey, () -> CONVERTER.get().convert(frame));
    }
}
