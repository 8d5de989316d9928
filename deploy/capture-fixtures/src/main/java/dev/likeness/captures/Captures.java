package dev.likeness.captures;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.LongToDoubleFunction;

import javax.sound.sampled.AudioFormat;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import com.sun.speech.freetts.VoiceManager;
import com.sun.speech.freetts.audio.RawFileAudioPlayer;

/**
 * Sample captures, encoded by FFmpeg when needed (tests, the demo, benchmarks): nothing is downloaded.
 * A public-domain portrait ({@link Face}) is animated as a head turning, or shown as the attacks a
 * liveness check must reject; the digits are spoken by FreeTTS or another {@link Voice}. The same act and seed
 * give the same bytes; another seed gives other bytes (a capture verifies only once).
 */
public final class Captures {

    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    private static final int FPS = 15;
    /** The head on a face's scene: centre and half-width/half-height, in the scene's pixels. */
    private static final double HEAD_X = 224;
    private static final double HEAD_Y = 128;
    private static final double HEAD_A = 64;
    private static final double HEAD_B = 86;
    /** The part of the scene in the picture: 256×192 around the face, scaled to 320×240 (upright: 192×256 to 240×320). */
    private static final double CROP_SCALE = 256.0 / WIDTH;
    private static final double HEAD_BELOW_TOP = 90;
    private static final double TURN_DEGREES = 35;
    private static final double FIRST_TURN = 0.5;
    private static final double TURN_SECONDS = 1.1;
    private static final double TURN_GAP = 0.25;
    private static final double SPEECH_START = 0.3;
    /** Chromium's own capture rate: its fake microphone's file needs no resampling. */
    private static final int FAKE_MICROPHONE_RATE = 48_000;

    public enum Container {
        MP4("mp4", false, "video/mp4", avcodec.AV_CODEC_ID_H264, avcodec.AV_CODEC_ID_AAC, 16_000, 0),
        /** As browsers' MediaRecorder and streaming encoders write MP4: moov first, then fragments. */
        FRAGMENTED_MP4("mp4", true, "video/mp4", avcodec.AV_CODEC_ID_H264, avcodec.AV_CODEC_ID_AAC, 48_000, 0),
        WEBM("webm", false, "video/webm", avcodec.AV_CODEC_ID_VP8, avcodec.AV_CODEC_ID_OPUS, 48_000, 0),
        /** Chromium's MediaRecorder with {@code video/webm;codecs=vp9}. */
        WEBM_VP9("webm", false, "video/webm", avcodec.AV_CODEC_ID_VP9, avcodec.AV_CODEC_ID_OPUS, 48_000, 0),
        /**
         * A phone held upright, as its camera app writes: H.264/AAC at 48 kHz, the sensor's landscape
         * frames marked to be shown turned a quarter clockwise (a display matrix; ffprobe says
         * "rotation -90"), so the picture a player shows is portrait.
         */
        PHONE_MP4("mp4", false, "video/mp4", avcodec.AV_CODEC_ID_H264, avcodec.AV_CODEC_ID_AAC, 48_000, 90);

        final String format;
        final boolean fragmented;
        public final String mediaType;
        final int videoCodec;
        final int audioCodec;
        final int sampleRate;
        /** Degrees clockwise a player turns the frames to show them: 0 or 90. */
        final int rotation;

        Container(String format, boolean fragmented, String mediaType, int videoCodec, int audioCodec, int sampleRate, int rotation) {
            this.format = format;
            this.fragmented = fragmented;
            this.mediaType = mediaType;
            this.videoCodec = videoCodec;
            this.audioCodec = audioCodec;
            this.sampleRate = sampleRate;
            this.rotation = rotation;
        }
    }

    /** What the camera sees. */
    public enum Subject {
        /** A person turning their head as asked: the live capture. */
        HEAD_TURNING,
        /** A photo held still in front of the camera (or a still image injected as the camera). */
        STILL_PHOTO,
        /** A photo slid left and right where the head should turn. */
        PHOTO_SLID,
        /** A photo tilted like a card, left and right, where the head should turn. */
        PHOTO_TILTED,
        /** No face at all: a moving pattern. */
        NO_FACE
    }

    /**
     * A capture's content: what is seen, the digits spoken ({@code null}: silence), the head turns
     * ({@code LEFT}/{@code RIGHT} as seen by the person), its length in seconds (0: as long as the
     * act needs), whether it has an audio track at all, when the voice starts (seconds; before 0,
     * the recording begins mid-sentence), the room's noise as a signal-to-noise ratio in dB
     * against the voice (infinite: a quiet room's faint hiss only) and its kind, the room's
     * reverberation time (0: dry), who reads the digits and whose face is seen.
     */
    public record Act(Subject subject, String digits, List<String> turns, double seconds, boolean audioTrack,
                      double speechStart, double noiseSnr, Noise noise, double reverberation, Voice voice, Face face) {

        public Act showing(Subject other) {
            return new Act(other, digits, turns, seconds, audioTrack, speechStart, noiseSnr, noise, reverberation, voice, face);
        }

        public Act saying(String otherDigits) {
            return new Act(subject, otherDigits, turns, seconds, audioTrack, speechStart, noiseSnr, noise, reverberation, voice, face);
        }

        public Act silent() {
            return saying(null);
        }

        public Act turning(List<String> otherTurns) {
            return new Act(subject, digits, otherTurns, seconds, audioTrack, speechStart, noiseSnr, noise, reverberation, voice, face);
        }

        public Act lasting(double length) {
            return new Act(subject, digits, turns, length, audioTrack, speechStart, noiseSnr, noise, reverberation, voice, face);
        }

        public Act withoutAudioTrack() {
            return new Act(subject, digits, turns, seconds, false, speechStart, noiseSnr, noise, reverberation, voice, face);
        }

        /** The voice from {@code seconds} into the recording; negative: already speaking when it began. */
        public Act speakingFrom(double seconds) {
            return new Act(subject, digits, turns, this.seconds, audioTrack, seconds, noiseSnr, noise, reverberation, voice, face);
        }

        /** White noise under the voice, {@code snr} dB below its level (in the telephone band, over the whole utterance). */
        public Act inNoise(double snr) {
            return inNoise(Noise.WHITE, snr);
        }

        /** A kind of noise under the voice, {@code snr} dB below its level (in the telephone band, over the whole utterance). */
        public Act inNoise(Noise kind, double snr) {
            return new Act(subject, digits, turns, seconds, audioTrack, speechStart, snr, kind, reverberation, voice, face);
        }

        /** The digits read by another voice. */
        public Act readBy(Voice other) {
            return new Act(subject, digits, turns, seconds, audioTrack, speechStart, noiseSnr, noise, reverberation, other, face);
        }

        /** The voice in a reverberant room: its sound dies away by 60 dB over {@code rt60} seconds (0: a dry room). */
        public Act reverberant(double rt60) {
            return new Act(subject, digits, turns, seconds, audioTrack, speechStart, noiseSnr, noise, rt60, voice, face);
        }

        /** Another person's face before the camera. */
        public Act as(Face other) {
            return new Act(subject, digits, turns, seconds, audioTrack, speechStart, noiseSnr, noise, reverberation, voice, other);
        }
    }

    /** The live answer to a challenge: its digits read aloud, its head turns made in order. */
    public static Act live(String digits, List<String> turns) {
        return new Act(Subject.HEAD_TURNING, digits, turns, 0, true, SPEECH_START, Double.POSITIVE_INFINITY, Noise.WHITE, 0, Voice.FREETTS, Face.ASTRONAUT);
    }

    /** A real file that answers no challenge (no face, no speech): for what is refused before verification. */
    public static byte[] clip(Container container, double seconds, long seed) {
        return record(container, new Act(Subject.NO_FACE, null, List.of(), seconds, true, SPEECH_START, Double.POSITIVE_INFINITY, Noise.WHITE, 0, Voice.FREETTS, Face.ASTRONAUT), seed);
    }

    public static byte[] withoutAudio(Container container, double seconds, long seed) {
        return record(container, new Act(Subject.NO_FACE, null, List.of(), seconds, false, SPEECH_START, Double.POSITIVE_INFINITY, Noise.WHITE, 0, Voice.FREETTS, Face.ASTRONAUT), seed);
    }

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        System.setProperty("freetts.voices", "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory");
    }

    private Captures() {
    }

    public static byte[] record(Container container, Act act, long seed) {
        return encoded(container.format, file -> {
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file, WIDTH, HEIGHT, act.audioTrack() ? 1 : 0)) {
                recorder.setFormat(container.format);
                recorder.setFrameRate(FPS);
                recorder.setVideoCodec(container.videoCodec);
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                recorder.setAudioCodec(container.audioCodec);
                recorder.setSampleRate(container.sampleRate);
                recorder.setAudioBitrate(48_000);
                recorder.setMetadata("comment", "likeness sample capture " + seed);
                // Without it, the WebM muxer writes random identifiers: the same act and seed would differ.
                recorder.setOption("fflags", "+bitexact");
                // FFmpeg's display matrix angle is counter-clockwise.
                recorder.setDisplayRotation(-container.rotation);
                if (container.fragmented) {
                    recorder.setOption("movflags", "frag_keyframe+empty_moov+default_base_moof");
                }
                recorder.start();
                perform(act, seed, container.sampleRate, container.rotation, recorder, act.audioTrack() ? recorder : null);
                recorder.stop();
            }
        });
    }

    interface Encoding {
        void into(File file) throws IOException;
    }

    /** The bytes an encoder writes into a file of this format (FFmpeg muxers want a seekable file), the file deleted after. */
    static byte[] encoded(String format, Encoding encoding) {
        Path file = null;
        try {
            file = Files.createTempFile("capture", "." + format);
            encoding.into(file.toFile());
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    /**
     * Writes an act as the files Chromium's fake camera and microphone play
     * ({@code --use-file-for-fake-video-capture}, {@code --use-file-for-fake-audio-capture}):
     * raw YUV 4:2:0 in Y4M at the act's own 15 fps (a page recording it verified; the same clip
     * converted to 30 fps did not) and 16-bit PCM mono WAV. Chromium loops both files, so a page
     * should record no longer than the length returned.
     */
    public static Duration writeFakeDevices(Act act, long seed, Path y4m, Path wav) {
        if (!act.audioTrack()) {
            // A fake microphone always plays something: an act without speech is silent(), not without a track.
            throw new IllegalArgumentException("a browser's fake microphone needs an act with an audio track");
        }
        try (FFmpegFrameRecorder video = new FFmpegFrameRecorder(y4m.toFile(), WIDTH, HEIGHT, 0);
                FFmpegFrameRecorder audio = new FFmpegFrameRecorder(wav.toFile(), 1)) {
            video.setFormat("yuv4mpegpipe");
            video.setFrameRate(FPS);
            video.setVideoCodec(avcodec.AV_CODEC_ID_RAWVIDEO);
            video.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            audio.setFormat("wav");
            audio.setAudioCodec(avcodec.AV_CODEC_ID_PCM_S16LE);
            audio.setSampleRate(FAKE_MICROPHONE_RATE);
            video.start();
            audio.start();
            double seconds = perform(act, seed, FAKE_MICROPHONE_RATE, 0, video, audio);
            video.stop();
            audio.stop();
            return Duration.ofMillis(Math.round(seconds * 1000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Plays an act frame by frame into a video recorder (its frames turned a quarter anticlockwise
     * when {@code rotation} is 90, for a player to turn back) and an audio one (the same recorder, or
     * {@code null}: no audio); returns its length in seconds. One seeded noise source for both,
     * drawn in the same order, so an act and a seed always give the same frames and samples.
     */
    private static double perform(Act act, long seed, int sampleRate, int rotation, FFmpegFrameRecorder video, FFmpegFrameRecorder audio)
            throws IOException {
        short[] dry = act.digits() == null ? new short[0]
                : act.voice().inJvm() ? speech(act.voice().words(act.digits()), sampleRate)
                : act.voice().read(act.voice().words(act.digits()), sampleRate);
        // The room's echoes draw from a source of their own, so that an act without them keeps its samples.
        short[] speech = act.reverberation() > 0 ? reverberated(dry, act.reverberation(), sampleRate, new Random(seed ^ 0x2545F4914F6CDD1DL)) : dry;
        double turnsEnd = FIRST_TURN + act.turns().size() * (TURN_SECONDS + TURN_GAP);
        double natural = Math.max(4, Math.max(turnsEnd, act.speechStart() + speech.length / (double) sampleRate) + 0.4);
        double seconds = act.seconds() > 0 ? act.seconds() : natural;
        Random noise = new Random(seed);
        // The room's noise draws from a source of its own, so that an act without it keeps its samples.
        Random room = new Random(seed ^ 0x5DEECE66DL);
        double roomLevel = Double.isInfinite(act.noiseSnr()) ? 0
                : TelephoneBand.rms(speech, sampleRate) / Math.pow(10, act.noiseSnr() / 20) / act.noise().telephoneBandLevel(sampleRate);
        LongToDoubleFunction roomNoise = roomLevel > 0 ? act.noise().in(sampleRate, room) : at -> 0;
        int frames = (int) Math.round(seconds * FPS);
        int samplesPerFrame = sampleRate / FPS;
        int speechStart = (int) (act.speechStart() * sampleRate);
        for (int i = 0; i < frames; i++) {
            video.record(picture(act, i / (double) FPS, rotation, noise));
            if (audio != null) {
                short[] samples = new short[samplesPerFrame];
                for (int s = 0; s < samplesPerFrame; s++) {
                    int at = i * samplesPerFrame + s - speechStart;
                    // A quiet room: a little noise under the voice.
                    double sample = (at >= 0 && at < speech.length ? speech[at] : 0) + noise.nextGaussian() * 30
                            + roomNoise.applyAsDouble(i * samplesPerFrame + s) * roomLevel;
                    // Clipped as a microphone clips: loud noise must not wrap around (an act without it keeps its old samples).
                    samples[s] = roomLevel > 0 ? (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sample)) : (short) sample;
                }
                audio.recordSamples(sampleRate, 1, ShortBuffer.wrap(samples));
            }
        }
        return frames / (double) FPS;
    }

    /**
     * The voice as a room returns it: the direct sound, then echoes as velvet noise (a pulse of
     * random sign at a random point in every half millisecond) falling by 60 dB over {@code rt60}
     * seconds, half as strong together as the direct sound (a phone held in front of the face,
     * within a room's critical distance), its peak brought back to the dry voice's as a phone's
     * gain control would.
     */
    private static short[] reverberated(short[] dry, double rt60, int sampleRate, Random random) {
        int spacing = sampleRate / 2000;
        int tail = (int) (rt60 * sampleRate);
        int[] delays = new int[tail / spacing];
        double[] gains = new double[delays.length];
        double energy = 0;
        for (int k = 0; k < delays.length; k++) {
            delays[k] = k * spacing + 1 + random.nextInt(spacing);
            double level = Math.pow(10, -3.0 * delays[k] / tail);
            gains[k] = random.nextBoolean() ? level : -level;
            energy += level * level;
        }
        double echoes = Math.sqrt(0.5 / energy);
        double[] wet = new double[dry.length + tail + spacing];
        for (int i = 0; i < dry.length; i++) {
            wet[i] = dry[i];
        }
        for (int k = 0; k < delays.length; k++) {
            double gain = gains[k] * echoes;
            int delay = delays[k];
            for (int i = 0; i < dry.length; i++) {
                wet[i + delay] += dry[i] * gain;
            }
        }
        double dryPeak = 1;
        for (short sample : dry) {
            dryPeak = Math.max(dryPeak, Math.abs(sample));
        }
        double wetPeak = 1;
        for (double sample : wet) {
            wetPeak = Math.max(wetPeak, Math.abs(sample));
        }
        short[] out = new short[wet.length];
        for (int i = 0; i < wet.length; i++) {
            out[i] = (short) Math.round(wet[i] * dryPeak / wetPeak);
        }
        return out;
    }

    static double rms(short[] samples) {
        double sum = 0;
        for (short sample : samples) {
            sum += (double) sample * sample;
        }
        return samples.length == 0 ? 0 : Math.sqrt(sum / samples.length);
    }

    /** How far into a turn the head is at a time: 0 facing the camera, 1 fully turned, signed by direction. */
    static double turn(List<String> turns, double t) {
        for (int i = 0; i < turns.size(); i++) {
            double local = t - FIRST_TURN - i * (TURN_SECONDS + TURN_GAP);
            if (local >= 0 && local < TURN_SECONDS) {
                double out = 0.35;
                double hold = 0.35;
                double amount = local < out ? ease(local / out)
                        : local < out + hold ? 1
                        : ease(1 - (local - out - hold) / (TURN_SECONDS - out - hold));
                return turns.get(i).equals("LEFT") ? amount : -amount;
            }
        }
        return 0;
    }

    private static double ease(double x) {
        double s = Math.sin(Math.PI / 2 * Math.max(0, Math.min(1, x)));
        return s * s;
    }

    private static Frame picture(Act act, double t, int rotation, Random noise) {
        double amount = turn(act.turns(), t);
        Face face = act.face();
        int[] scene = switch (act.subject()) {
            case HEAD_TURNING -> turnedHead(face, Math.toRadians(TURN_DEGREES * amount));
            case STILL_PHOTO -> face.scene();
            case PHOTO_SLID -> slid(face, amount * 70);
            case PHOTO_TILTED -> tilted(face, Math.toRadians(55 * amount));
            case NO_FACE -> pattern(t);
        };
        boolean camera = act.subject() != Subject.STILL_PHOTO;
        // A hand-held camera sways a little and its sensor is never silent.
        double sway = camera ? 1.5 * Math.sin(2 * Math.PI * 0.7 * t) : 0;
        boolean upright = rotation == 90;
        int shownWidth = upright ? HEIGHT : WIDTH;
        int shownHeight = upright ? WIDTH : HEIGHT;
        double cropX = HEAD_X - shownWidth * CROP_SCALE / 2;
        double cropY = HEAD_Y - HEAD_BELOW_TOP - (shownHeight - HEIGHT) * CROP_SCALE / 2;
        Frame frame = new Frame(WIDTH, HEIGHT, Frame.DEPTH_UBYTE, 3);
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                // Upright, the frame is the picture turned a quarter anticlockwise: a player turns it back.
                int shownX = upright ? HEIGHT - 1 - y : x;
                int shownY = upright ? x : y;
                int sx = clamp((int) (cropX + shownX * CROP_SCALE), 511);
                int sy = clamp((int) (cropY + shownY * CROP_SCALE + sway), 511);
                int rgb = scene[sy * 512 + sx];
                int grain = camera ? (int) (noise.nextGaussian() * 2) : 0;
                int offset = y * frame.imageStride + x * 3;
                pixels.put(offset, (byte) clamp((rgb & 0xFF) + grain, 255));
                pixels.put(offset + 1, (byte) clamp(((rgb >> 8) & 0xFF) + grain, 255));
                pixels.put(offset + 2, (byte) clamp(((rgb >> 16) & 0xFF) + grain, 255));
            }
        }
        return frame;
    }

    /**
     * The head as an ellipsoid with a nose, turned by an angle about the vertical axis: each of its
     * points is moved to where the turn puts it, the nearest to the camera winning.
     */
    private static int[] turnedHead(Face face, double angle) {
        int[] portrait = face.scene();
        if (angle == 0) {
            return portrait;
        }
        int[] scene = portrait.clone();
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double[] depth = new double[512];
        for (int y = (int) (HEAD_Y - HEAD_B); y <= HEAD_Y + HEAD_B; y++) {
            double yn = (y - HEAD_Y) / HEAD_B;
            double halfWidth = Math.sqrt(Math.max(0, 1 - yn * yn));
            java.util.Arrays.fill(depth, Double.NEGATIVE_INFINITY);
            for (double x = HEAD_X - HEAD_A * halfWidth; x <= HEAD_X + HEAD_A * halfWidth; x += 0.5) {
                double xn = (x - HEAD_X) / HEAD_A;
                double z = HEAD_A * Math.sqrt(Math.max(0, 1 - xn * xn - yn * yn)) + nose(face, x, y);
                double turnedX = HEAD_X + (x - HEAD_X) * cos + z * sin;
                double turnedZ = -(x - HEAD_X) * sin + z * cos;
                int to = (int) Math.round(turnedX);
                if (to >= 0 && to < 512 && turnedZ > depth[to]) {
                    depth[to] = turnedZ;
                    scene[y * 512 + to] = portrait[y * 512 + clamp((int) Math.round(x), 511)];
                }
            }
        }
        return scene;
    }

    /** How far the nose stands out of the ellipsoid: a ridge down from between the eyes. */
    private static double nose(Face face, double x, double y) {
        double dx = (x - face.ridgeX()) / (0.13 * HEAD_A);
        double dy = (y - face.ridgeY()) / (0.28 * HEAD_A);
        return 0.45 * HEAD_A * Math.exp(-(dx * dx + dy * dy) / 2);
    }

    private static int[] slid(Face face, double pixels) {
        int[] portrait = face.scene();
        int[] scene = new int[512 * 512];
        int shift = (int) Math.round(pixels);
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                int from = x - shift;
                scene[y * 512 + x] = from >= 0 && from < 512 ? portrait[y * 512 + from] : 0x808080;
            }
        }
        return scene;
    }

    /** The portrait as a flat card turned about its vertical axis through the face, in perspective. */
    private static int[] tilted(Face face, double angle) {
        int[] portrait = face.scene();
        int[] scene = new int[512 * 512];
        double focal = 500;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                double u = x - HEAD_X;
                double v = y - HEAD_Y;
                double cardX = u * focal / (focal * cos - u * sin);
                double cardY = v * (focal + cardX * sin) / focal;
                int fromX = (int) Math.round(HEAD_X + cardX);
                int fromY = (int) Math.round(HEAD_Y + cardY);
                boolean onCard = fromX >= 0 && fromX < 512 && fromY >= 0 && fromY < 512 && focal * cos - u * sin > 0;
                scene[y * 512 + x] = onCard ? portrait[fromY * 512 + fromX] : 0x808080;
            }
        }
        return scene;
    }

    private static int[] pattern(double t) {
        int[] scene = new int[512 * 512];
        int shift = (int) (t * 60);
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                scene[y * 512 + x] = (((x + shift) & 0xFF) << 16) | ((y * 2 & 0xFF) << 8) | ((x ^ y) & 0xFF);
            }
        }
        return scene;
    }

    /** The words read aloud by FreeTTS' kevin16 voice (16 kHz), resampled (linearly) to the given rate. */
    private static synchronized short[] speech(String words, int sampleRate) throws IOException {
        Path raw = Files.createTempFile("speech", ".raw");
        try {
            com.sun.speech.freetts.Voice voice = VoiceManager.getInstance().getVoice("kevin16");
            voice.allocate();
            RawFileAudioPlayer player = new RawFileAudioPlayer(raw.toString());
            voice.setAudioPlayer(player);
            voice.speak(words);
            voice.deallocate();
            player.close();
            AudioFormat format = player.getAudioFormat();
            return resampled(ByteBuffer.wrap(Files.readAllBytes(raw))
                    .order(format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN).asShortBuffer(),
                    format.getSampleRate(), sampleRate);
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    /** Samples at another rate, linearly interpolated. */
    static short[] resampled(ShortBuffer source, float sourceRate, int sampleRate) {
        double step = sourceRate / sampleRate;
        short[] samples = new short[(int) (source.remaining() / step)];
        for (int i = 0; i < samples.length; i++) {
            double at = i * step;
            int before = Math.min((int) at, source.limit() - 1);
            int after = Math.min(before + 1, source.limit() - 1);
            samples[i] = (short) (source.get(before) + (source.get(after) - source.get(before)) * (at - (int) at));
        }
        return samples;
    }

    private static int clamp(int value, int max) {
        return Math.max(0, Math.min(max, value));
    }
}
