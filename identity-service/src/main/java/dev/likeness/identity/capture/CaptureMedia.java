package dev.likeness.identity.capture;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * A capture decoded once by FFmpeg, as it streams: its tracks, lengths and audio (16 kHz mono),
 * and the sampled video frames handed to a consumer as they come (never all kept in memory).
 * Decoding is bounded by the contract ({@link Bounds}): what a capture declares is judged before
 * the first frame, and decoding stops at the first frame past a bound, so a file built to be
 * expensive (hours of audio, a huge picture, thousands of tiny frames) costs what a valid one does.
 */
public record CaptureMedia(String format, String video, String audio, double videoSeconds, double audioSeconds,
                    double containerSeconds, short[] speech) {

    public static final int SAMPLE_RATE = 16_000;
    /** Frames are scaled so their longer side is at most this before analysis: the detector sees 128², the reference crop needs no more. */
    static final int ANALYSIS_SIDE = 640;

    /**
     * A sampled frame, scaled into a square (letterboxed): RGB in −1..1 for the face detector, and
     * grey levels; {@code padX} and {@code padY} are the bars' widths, in the square's 0–1 units.
     * {@code frame} gives the full frame, only while the picture is being accepted.
     */
    public record Picture(double seconds, float[] rgb, float[] grey, float padX, float padY, Supplier<BufferedImage> frame) {

        /** Whether a box (centre and size in the square's 0–1 units) lies wholly within the picture, not across its edge. */
        public boolean shows(float centerX, float centerY, float width, float height) {
            return centerX - width / 2 >= padX && centerX + width / 2 <= 1 - padX
                    && centerY - height / 2 >= padY && centerY + height / 2 <= 1 - padY;
        }

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

    /**
     * What decoding may reach: {@code seconds} of media on either track, pictures of at most
     * {@code pixels}, at most {@code frameRate} video frames a second on average. {@code lengths}
     * is the contract's range of lengths, as a refused capture is told it.
     */
    public record Bounds(double seconds, String lengths, long pixels, int frameRate) {

        int videoFrames() {
            return (int) Math.ceil(seconds * frameRate);
        }

        int samples() {
            return (int) Math.ceil(seconds * SAMPLE_RATE);
        }
    }

    /** The capture is outside the contract; {@code check} says where. Nothing past that point was decoded. */
    public static final class OutsideContract extends Exception {

        private final transient Check check;

        OutsideContract(String name, String measured, String required, Hint hint) {
            super(name + ": " + measured + ", required " + required, null, false, false);
            this.check = new Check(name, false, measured, required, hint);
        }

        public Check check() {
            return check;
        }
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

    /** Decodes {@code file} within {@code bounds}, handing {@code framesPerSecond} frames a second, scaled into {@code pictureSize}², to {@code pictures}. */
    public static CaptureMedia read(Path file, Bounds bounds, int framesPerSecond, int pictureSize, Pictures pictures)
            throws FrameGrabber.Exception, OutsideContract {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setSampleRate(SAMPLE_RATE);
            grabber.setAudioChannels(1);
            grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
            requireDeclaredWithin(file, bounds);
            // The decoder itself refuses larger pictures, also when a stream changes size midway.
            grabber.setVideoOption("max_pixels", Long.toString(bounds.pixels()));
            grabber.start();
            Orientation orientation = Orientation.of(grabber);
            String video = grabber.hasVideo() ? grabber.getVideoCodecName() + " " + grabber.getImageWidth() + "x" + grabber.getImageHeight()
                    + orientation.described() : null;
            String audio = grabber.hasAudio() ? grabber.getAudioCodecName() + " " + grabber.getSampleRate() + " Hz" : null;
            scaleForAnalysis(grabber);
            double frameSeconds = grabber.getFrameRate() > 0 ? 1 / grabber.getFrameRate() : 0;
            double videoEnd = 0;
            double nextPicture = 0;
            int videoFrames = 0;
            short[] samples = new short[bounds.samples()];
            int sampleCount = 0;
            for (Frame frame; (frame = next(grabber)) != null; ) {
                double at = frame.timestamp / 1e6;
                if (at > bounds.seconds()) {
                    throw new OutsideContract("duration", "media past " + Check.seconds(bounds.seconds()), bounds.lengths(), Hint.TOO_LONG);
                }
                if (frame.image != null) {
                    if (++videoFrames > bounds.videoFrames()) {
                        throw new OutsideContract("video-frames", "more than " + bounds.videoFrames(),
                                "at most " + bounds.frameRate() + " a second", Hint.CAMERA_SETTINGS);
                    }
                    videoEnd = Math.max(videoEnd, at + frameSeconds);
                    if (at >= nextPicture) {
                        pictures.accept(picture(frame, orientation, at, pictureSize));
                        nextPicture = at + 1.0 / framesPerSecond - 1e-3;
                    }
                } else if (frame.samples != null) {
                    ShortBuffer chunk = (ShortBuffer) frame.samples[0];
                    int count = chunk.remaining();
                    if (sampleCount + count > samples.length) {
                        throw new OutsideContract("audio-length", "more than " + Check.seconds(bounds.seconds()) + " of audio",
                                bounds.lengths(), Hint.TOO_LONG);
                    }
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
     * Judges the length and picture size the container's header declares, before anything is
     * decoded (FFmpeg's own probing decodes a first frame at whatever size is declared).
     * Media whose header cannot be read is left to the grabber, which refuses it.
     */
    private static void requireDeclaredWithin(Path file, Bounds bounds) throws OutsideContract {
        AVFormatContext context = new AVFormatContext(null);
        if (avformat.avformat_open_input(context, file.toString(), null, null) < 0) {
            return;
        }
        try {
            double declared = context.duration() > 0 ? context.duration() / (double) avutil.AV_TIME_BASE : 0;
            for (int i = 0; i < context.nb_streams(); i++) {
                AVStream stream = context.streams(i);
                if (stream.duration() > 0) {
                    declared = Math.max(declared, stream.duration() * avutil.av_q2d(stream.time_base()));
                }
                AVCodecParameters codec = stream.codecpar();
                if (codec.codec_type() == avutil.AVMEDIA_TYPE_VIDEO && (long) codec.width() * codec.height() > bounds.pixels()) {
                    throw new OutsideContract("resolution", codec.width() + "x" + codec.height(), "at most " + bounds.pixels() + " pixels",
                            Hint.CAMERA_SETTINGS);
                }
            }
            if (declared > bounds.seconds()) {
                throw new OutsideContract("duration", Check.seconds(declared) + " declared", bounds.lengths(), Hint.TOO_LONG);
            }
        } finally {
            avformat.avformat_close_input(context);
        }
    }

    /** Has the grabber hand over frames whose longer side is at most {@link #ANALYSIS_SIDE}. */
    private static void scaleForAnalysis(FFmpegFrameGrabber grabber) {
        int width = grabber.getImageWidth();
        int height = grabber.getImageHeight();
        int longer = Math.max(width, height);
        if (longer > ANALYSIS_SIDE) {
            grabber.setImageWidth(Math.max(1, width * ANALYSIS_SIDE / longer));
            grabber.setImageHeight(Math.max(1, height * ANALYSIS_SIDE / longer));
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

    /**
     * How a player shows the frames: turned clockwise by {@code quarters} quarter turns, as a
     * phone held upright marks its landscape frames (the stream's display matrix).
     */
    private record Orientation(int quarters) {

        static Orientation of(FFmpegFrameGrabber grabber) {
            // FFmpeg's angle is anticlockwise; a matrix that is no quarter turn is taken as the nearest.
            double anticlockwise = grabber.getDisplayRotation();
            return new Orientation(Double.isFinite(anticlockwise) ? Math.floorMod((int) Math.round(-anticlockwise / 90), 4) : 0);
        }

        String described() {
            return quarters == 0 ? "" : ", shown turned " + quarters * 90 + "°";
        }

        int width(Frame frame) {
            return quarters % 2 == 0 ? frame.imageWidth : frame.imageHeight;
        }

        int height(Frame frame) {
            return quarters % 2 == 0 ? frame.imageHeight : frame.imageWidth;
        }

        /** Where in the frame's buffer the pixel shown at {@code x}, {@code y} is. */
        int offset(Frame frame, int x, int y) {
            int frameX = switch (quarters) {
                case 1 -> y;
                case 2 -> frame.imageWidth - 1 - x;
                case 3 -> frame.imageWidth - 1 - y;
                default -> x;
            };
            int frameY = switch (quarters) {
                case 1 -> frame.imageHeight - 1 - x;
                case 2 -> frame.imageHeight - 1 - y;
                case 3 -> x;
                default -> y;
            };
            return frameY * frame.imageStride + frameX * frame.imageChannels;
        }
    }

    private static Picture picture(Frame frame, Orientation orientation, double seconds, int size) {
        int width = orientation.width(frame);
        int height = orientation.height(frame);
        int side = Math.max(width, height);
        int padX = (side - width) / 2;
        int padY = (side - height) / 2;
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        float[] rgb = new float[size * size * 3];
        float[] grey = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int sx = x * side / size - padX;
                int sy = y * side / size - padY;
                int i = y * size + x;
                if (sx < 0 || sy < 0 || sx >= width || sy >= height) {
                    rgb[i * 3] = rgb[i * 3 + 1] = rgb[i * 3 + 2] = -1;
                    continue;
                }
                int offset = orientation.offset(frame, sx, sy);
                int blue = pixels.get(offset) & 0xFF;
                int green = pixels.get(offset + 1) & 0xFF;
                int red = pixels.get(offset + 2) & 0xFF;
                rgb[i * 3] = red / 127.5f - 1;
                rgb[i * 3 + 1] = green / 127.5f - 1;
                rgb[i * 3 + 2] = blue / 127.5f - 1;
                grey[i] = 0.299f * red + 0.587f * green + 0.114f * blue;
            }
        }
        return new Picture(seconds, rgb, grey, padX / (float) side, padY / (float) side, () -> image(frame, orientation));
    }

    /**
     * The frame's BGR pixels as an image, as a player shows it (javacv's converter trips on strides
     * wider than the row, as FFmpeg pads small frames).
     */
    private static BufferedImage image(Frame frame, Orientation orientation) {
        BufferedImage image = new BufferedImage(orientation.width(frame), orientation.height(frame), BufferedImage.TYPE_INT_RGB);
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int offset = orientation.offset(frame, x, y);
                image.setRGB(x, y, (pixels.get(offset + 2) & 0xFF) << 16 | (pixels.get(offset + 1) & 0xFF) << 8 | pixels.get(offset) & 0xFF);
            }
        }
        return image;
    }
}
