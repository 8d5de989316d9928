package dev.likeness.identity.liveness;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import javax.imageio.ImageIO;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FrameGrabber;

import dev.likeness.identity.capture.CaptureConfig;
import dev.likeness.identity.capture.CaptureMedia;
import dev.likeness.identity.capture.Check;
import dev.likeness.identity.capture.Hint;
import dev.likeness.identity.capture.Verification;
import io.quarkus.runtime.StartupEvent;

/**
 * The built-in liveness verifier: stops the cheap attacks (a still or moved photo, no face,
 * another recording, a replay) from the capture alone. Checks run cheapest first; a capture whose
 * media is not sane is not analysed further. What it cannot stop is in the service README.
 */
@ApplicationScoped
public class BuiltInVerifier implements CaptureVerifier {

    public static final String NAME = "built-in";
    /**
     * Where other people talk, the hypotheses Moonshine's decoder keeps at each step. Greedily, one of
     * their words taken for a digit pushes every later digit one place along; in steady rooms the
     * beam found runs of one digit ("000000") where greedy decoding heard the person, so it stays greedy.
     */
    private static final int BEAM_AMONG_OTHERS = 4;

    private final CaptureConfig capture;
    private final LivenessConfig thresholds;
    private final FaceDetector faces;
    private final MoonshineDigits moonshine;
    private final SpokenDigits sphinx4;
    /** Where other people talk, Sphinx4 hears on this thread while Moonshine hears on its own. */
    private final ExecutorService sphinx4Thread = DaemonThread.executor("sphinx4", 0);
    private final CaptureMedia.Bounds bounds;

    BuiltInVerifier(CaptureConfig capture, LivenessConfig thresholds) {
        this.capture = capture;
        this.thresholds = thresholds;
        // A capture at the longest allowed length may have its tracks drift apart by up to the allowance.
        this.bounds = new CaptureMedia.Bounds(seconds(capture.maxDuration().plus(thresholds.maxTrackDrift())),
                lengths(), capture.maxPixels(), capture.maxFrameRate());
        this.faces = new FaceDetector();
        this.moonshine = new MoonshineDigits(thresholds.digits());
        this.sphinx4 = new Sphinx4Digits(thresholds.digits());
    }

    /** Loads FFmpeg, the face model and the speech models at startup rather than on the first capture. */
    void warmUp(@Observes StartupEvent event) {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        faces.detect(new float[FaceDetector.SIZE * FaceDetector.SIZE * 3]);
        moonshine.hear(new short[CaptureMedia.SAMPLE_RATE]);
        sphinx4.hear(new short[CaptureMedia.SAMPLE_RATE]);
    }

    @PreDestroy
    void close() throws Exception {
        faces.close();
        moonshine.close();
        // A hearing in flight is let finish: the recogniser is closed after it.
        sphinx4Thread.shutdown();
        sphinx4Thread.awaitTermination(10, TimeUnit.SECONDS);
        sphinx4.close();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Verdict verify(Path file, Challenge challenge) {
        List<Check> checks = new ArrayList<>();
        Motion motion = new Motion();
        CaptureMedia media;
        try {
            media = CaptureMedia.read(file, bounds, thresholds.sampledFramesPerSecond(), FaceDetector.SIZE, motion::add);
        } catch (CaptureMedia.OutsideContract outside) {
            checks.add(outside.check());
            return new Verdict(new Verification(NAME, checks), null);
        } catch (FrameGrabber.Exception | RuntimeException unreadable) {
            checks.add(new Check("container", false, "unreadable", "MP4 or WebM").hinting(Hint.UNSUPPORTED_FORMAT));
            return new Verdict(new Verification(NAME, checks), null);
        }
        if (!saneMedia(media, checks)) {
            return new Verdict(new Verification(NAME, checks), null);
        }
        checks.add(oneFace(motion));
        checks.add(notStatic(motion));
        checks.add(headTurns(motion, challenge.moves()));
        NoiseReduction.Reduced reduced = NoiseReduction.apply(media.speech());
        Speech speech = Speech.of(media.speech(), reduced.voice());
        checks.add(speechPresent(speech));
        // Heard first the way that suits the room: under other people talking the filter takes the voice's
        // own sounds out with theirs (by Sphinx4, of 270 clips in babble at 20 to 10 dB, 152 were heard
        // within a digit as recorded, 122 filtered). Moonshine then hears the other way, and Sphinx4
        // the first way: on the corpus that took rejected live clips from 121 to 56 of 576, attacks no closer.
        short[] first = reduced.steady() ? reduced.voice() : media.speech();
        short[] other = reduced.steady() ? media.speech() : reduced.voice();
        // Other people talking: a noisy room whose noise is unsteady. In a quiet room, its echoes alone make it unsteady.
        boolean othersTalking = !reduced.steady() && speech.noisy();
        checks.add(digitsSpoken(speech, first, other, othersTalking, challenge.digits()));
        return new Verdict(new Verification(NAME, checks), motion.reference());
    }

    private boolean saneMedia(CaptureMedia media, List<Check> checks) {
        String format = media.format();
        boolean container = format.contains("mp4") || format.contains("webm") || format.contains("matroska");
        checks.add(new Check("container", container, format, "MP4 or WebM").hinting(Hint.UNSUPPORTED_FORMAT));
        checks.add(new Check("video-track", media.hasVideo(), media.hasVideo() ? media.video() : "none", "present").hinting(Hint.NO_CAMERA));
        checks.add(new Check("audio-track", media.hasAudio(), media.hasAudio() ? media.audio() : "none", "present")
                .hinting(Hint.NO_MICROPHONE));
        double seconds = media.seconds();
        boolean tooShort = seconds < seconds(capture.minDuration());
        checks.add(new Check("duration", !tooShort && seconds <= seconds(capture.maxDuration()), Check.seconds(seconds), lengths())
                .hinting(tooShort ? Hint.TOO_SHORT : Hint.TOO_LONG));
        if (media.hasVideo() && media.hasAudio()) {
            double drift = Math.abs(media.videoSeconds() - media.audioSeconds());
            double allowed = seconds(thresholds.maxTrackDrift());
            checks.add(new Check("tracks-agree", drift <= allowed,
                    "video " + Check.seconds(media.videoSeconds()) + ", audio " + Check.seconds(media.audioSeconds()),
                    "lengths within " + Check.seconds(allowed)).hinting(Hint.OUT_OF_STEP));
        }
        return checks.stream().allMatch(Check::passed);
    }

    /** The contract's lengths, as every duration check states them. */
    private String lengths() {
        return Check.seconds(seconds(capture.minDuration())) + " to " + Check.seconds(seconds(capture.maxDuration()));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private Check oneFace(Motion motion) {
        double ratio = motion.oneFaceRatio();
        return new Check("one-face", ratio >= thresholds.minOneFaceRatio(),
                percent(ratio) + " of " + motion.frames() + " sampled frames",
                "exactly one face in at least " + percent(thresholds.minOneFaceRatio()))
                .hinting(motion.severalFaces() > motion.noFace() ? Hint.SEVERAL_FACES : Hint.FACE_NOT_CENTRED);
    }

    private Check notStatic(Motion motion) {
        double difference = motion.medianDifference();
        return new Check("not-static", difference > thresholds.minFrameDifference(),
                String.format(Locale.ROOT, "median frame difference %.3f", difference),
                String.format(Locale.ROOT, "above %.3f", thresholds.minFrameDifference())).hinting(Hint.STILL_PICTURE);
    }

    private Check headTurns(Motion motion, List<Challenge.Move> asked) {
        HeadTurns turns = HeadTurns.of(motion.yaws(), thresholds.turnYaw(), thresholds.neutralYaw());
        return new Check("head-turns", turns.moves().equals(asked),
                (turns.moves().isEmpty() ? "none" : join(turns.moves()))
                        + String.format(Locale.ROOT, " (yaw %+.2f to %+.2f)", turns.lowest(), turns.highest()),
                join(asked) + String.format(Locale.ROOT, ", turns past yaw ±%.2f", thresholds.turnYaw()))
                .hinting(turns.moves().size() < asked.size() ? Hint.TURNS_TOO_SMALL : Hint.TURNED_WRONG_WAY);
    }

    private Check speechPresent(Speech speech) {
        double min = seconds(thresholds.minSpeech());
        return new Check("speech", speech.seconds() >= min, Check.seconds(speech.seconds()) + " of speech", "at least " + Check.seconds(min))
                .hinting(speech.noisy() ? Hint.TOO_NOISY : Hint.TOO_QUIET);
    }

    /**
     * The digits heard in the span of speech: by Moonshine in {@code first}, then in {@code other}
     * (the capture the other way: filtered or as recorded), then by Sphinx4 in {@code first}, until
     * a hearing is within the allowance; the closest counts. Each recogniser and each way mishears
     * clips the others hear right.
     *
     * <p>Where other people talk, the spans are gated and Moonshine's decoder weighs several ways the
     * digits may go. There most clips need Sphinx4, the slowest hearing (0.5–1 s over a café's 5 s),
     * so it starts at once beside Moonshine's two: one after the other, a capture took up to 1.64 s.
     * Not needed, it is cancelled if it has not started, so the hearings thrown away cannot pile up.
     */
    private Check digitsSpoken(Speech speech, short[] first, short[] other, boolean othersTalking, String asked) {
        boolean amongOthers = othersTalking && speech.seconds() > 0;
        short[] firstSpan = amongOthers ? Speech.gated(speech.span(first)) : speech.span(first);
        Future<String> sphinx4Beside = amongOthers ? sphinx4Thread.submit(() -> sphinx4.hear(firstSpan)) : null;
        List<Supplier<String>> hearings = speech.seconds() == 0 ? List.of()
                : amongOthers ? List.of(() -> moonshine.hear(firstSpan, BEAM_AMONG_OTHERS),
                        () -> moonshine.hear(Speech.gated(speech.span(other)), BEAM_AMONG_OTHERS), () -> DaemonThread.awaited(sphinx4Beside, "sphinx4"))
                : List.of(() -> moonshine.hear(firstSpan), () -> moonshine.hear(speech.span(other)), () -> sphinx4.hear(firstSpan));
        String heard = "";
        int off = asked.length();
        try {
            for (Supplier<String> hearing : hearings) {
                String again = hearing.get();
                int againOff = SpokenDigits.off(again, asked);
                if (againOff < off || heard.isEmpty()) {
                    heard = again;
                    off = againOff;
                }
                if (off <= thresholds.maxDigitErrors()) {
                    break;
                }
            }
        } finally {
            if (sphinx4Beside != null) {
                sphinx4Beside.cancel(false);
            }
        }
        // A noisy room is loud from the start too: only in a quiet one does that mean the person spoke early.
        Hint hint = speech.noisy() ? Hint.TOO_NOISY
                : speech.fromTheStart() ? Hint.SPOKE_TOO_EARLY
                : speech.seconds() < seconds(thresholds.minSpeech()) ? Hint.TOO_QUIET
                : Hint.WRONG_DIGITS;
        return new Check("digits", off <= thresholds.maxDigitErrors(),
                (heard.isEmpty() ? "nothing" : heard) + " (" + off + " off)",
                asked + ", at most " + thresholds.maxDigitErrors() + " off").hinting(hint);
    }

    private static String join(List<Challenge.Move> moves) {
        return String.join(",", moves.stream().map(Enum::name).toList());
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }

    /** What the sampled frames show: how many faces, how the head is turned, how much the picture changes. */
    private final class Motion {

        private final List<Float> yaws = new ArrayList<>();
        private final List<Double> differences = new ArrayList<>();
        private int frames;
        private int oneFace;
        private int severalFaces;
        private float[] previous;
        private BufferedImage reference;
        private float referenceYaw = Float.MAX_VALUE;

        void add(CaptureMedia.Picture picture) {
            frames++;
            List<FaceDetector.Face> found = faces.detect(picture.rgb());
            if (found.size() > 1) {
                severalFaces++;
            }
            if (found.size() == 1) {
                FaceDetector.Face face = found.get(0);
                oneFace++;
                // A face cut by the picture's edge has keypoints the model guessed: a photo slid half
                // out of the frame read as a turn (measured on the corpus' faces).
                if (picture.shows(face.centerX(), face.centerY(), face.width(), face.height())) {
                    yaws.add(face.yaw());
                }
                // The most frontal view, with some room around the face, is the reference image.
                if (Math.abs(face.yaw()) < referenceYaw) {
                    referenceYaw = Math.abs(face.yaw());
                    reference = picture.crop(face.centerX(), face.centerY(), 1.6f * Math.max(face.width(), face.height()));
                }
            }
            if (previous != null) {
                double sum = 0;
                for (int i = 0; i < previous.length; i++) {
                    sum += Math.abs(previous[i] - picture.grey()[i]);
                }
                differences.add(sum / previous.length);
            }
            previous = picture.grey();
        }

        int frames() {
            return frames;
        }

        int severalFaces() {
            return severalFaces;
        }

        int noFace() {
            return frames - oneFace - severalFaces;
        }

        double oneFaceRatio() {
            return frames == 0 ? 0 : oneFace / (double) frames;
        }

        double medianDifference() {
            double[] sorted = differences.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
        }

        List<Float> yaws() {
            return yaws;
        }

        byte[] reference() {
            if (reference == null) {
                return null;
            }
            try {
                ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
                ImageIO.write(reference, "jpeg", jpeg);
                return jpeg.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Where speech is: 20 ms windows of the voice (the room's steady noise taken out) clearly
     * louder than what is left of the room (the quietest tenth), or than a fixed floor in a quiet
     * room. Also what a person can be told when it fails, from the capture as recorded: whether the
     * room is noisy (its level alone passes the floor, or it set the bar and the voice hardly rose
     * above it), and whether the voice was already there in the first 100 ms, before the person
     * could have seen the recording start. The digits are heard in the span from the first window
     * of speech within 20 dB of the voice's loudest to the last, with 0.3 s either side: the noise
     * and other voices around it only gave the recogniser more to mishear (measured on the
     * corpus), and more to do. Where other people talk, the pauses between the person's words are
     * turned down too, for the same reason (a gate): there their words were heard as digits.
     */
    private record Speech(double seconds, boolean noisy, boolean fromTheStart, int from, int to) {

        private static final int WINDOW = CaptureMedia.SAMPLE_RATE / 50;
        private static final double MIN_LEVEL = 200;
        /** Above the room, in RMS: 4 (12 dB) marks speech; under 10 (20 dB) for the loudest, the room drowns the voice. */
        private static final double ABOVE_ROOM = 4;
        private static final double CLEAR_OF_ROOM = 10;
        private static final int FIRST_WINDOWS = 5;
        private static final int MARGIN = CaptureMedia.SAMPLE_RATE * 3 / 10;
        /** 10 (20 dB) under the loudest 5 % of the voice's windows: where its span of speech ends. */
        private static final double SPAN_UNDER_LOUDEST = 10;
        /**
         * 4 (12 dB) under the loudest 5 % of the span's windows: quieter ones are between the person's
         * words, where other people's words were heard as digits; the gate turns them down 20 dB
         * (muting them outright did worse on the corpus).
         */
        private static final double GATE_UNDER_LOUDEST = 4;
        private static final double GATE_FLOOR = 0.1;

        /** @param recorded the capture's sound; {@code voice} the same with the room's noise reduced */
        static Speech of(short[] recorded, short[] voice) {
            double[] levels = levels(voice);
            int windows = levels.length;
            if (windows == 0) {
                return new Speech(0, false, false, 0, 0);
            }
            double[] ordered = Arrays.stream(levels).sorted().toArray();
            double threshold = Math.max(MIN_LEVEL, ABOVE_ROOM * percentile(ordered, 10));
            long loud = Arrays.stream(levels).filter(level -> level > threshold).count();
            // Other people talking (babble) pass the bar too, but stay well under the person's own voice.
            double spanBar = Math.max(threshold, percentile(ordered, 95) / SPAN_UNDER_LOUDEST);
            int[] spoken = IntStream.range(0, windows).filter(w -> levels[w] > spanBar).toArray();
            double[] room = Arrays.stream(levels(recorded)).sorted().toArray();
            double quiet = percentile(room, 10);
            double loudest = percentile(room, 95);
            // Noisy: the room alone passes the fixed floor, or it would set the bar and the voice hardly rose above it.
            boolean noisy = quiet > MIN_LEVEL || ABOVE_ROOM * quiet > MIN_LEVEL && loudest < CLEAR_OF_ROOM * quiet;
            boolean fromTheStart = Arrays.stream(levels, 0, Math.min(windows, FIRST_WINDOWS)).anyMatch(level -> level > threshold);
            int from = spoken.length == 0 ? 0 : Math.max(0, spoken[0] * WINDOW - MARGIN);
            int to = spoken.length == 0 ? voice.length : Math.min(voice.length, (spoken[spoken.length - 1] + 1) * WINDOW + MARGIN);
            return new Speech(loud * WINDOW / (double) CaptureMedia.SAMPLE_RATE, noisy, fromTheStart, from, to);
        }

        short[] span(short[] voice) {
            return Arrays.copyOfRange(voice, from, to);
        }

        /** {@code span} with its windows well under the person's voice turned down (a new array). */
        static short[] gated(short[] span) {
            span = span.clone();
            double[] levels = levels(span);
            if (levels.length == 0) {
                return span;
            }
            double bar = percentile(Arrays.stream(levels).sorted().toArray(), 95) / GATE_UNDER_LOUDEST;
            // One window either side of the voice stays open, for the quiet start and end of its words.
            double[] gain = new double[levels.length];
            for (int w = 0; w < levels.length; w++) {
                boolean open = false;
                for (int near = Math.max(0, w - 1); near <= Math.min(levels.length - 1, w + 1); near++) {
                    open |= levels[near] >= bar;
                }
                gain[w] = open ? 1 : GATE_FLOOR;
            }
            // From one window's centre to the next the gain ramps, so the gate itself makes no click.
            for (int i = 0; i < span.length; i++) {
                double position = (i - WINDOW / 2.0) / WINDOW;
                int w = (int) Math.floor(position);
                double before = gain[Math.max(0, Math.min(levels.length - 1, w))];
                double after = gain[Math.max(0, Math.min(levels.length - 1, w + 1))];
                span[i] = (short) Math.round(span[i] * (before + (after - before) * (position - w)));
            }
            return span;
        }

        private static double percentile(double[] sorted, int percent) {
            return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)];
        }

        /** RMS per window. */
        private static double[] levels(short[] pcm) {
            double[] levels = new double[pcm.length / WINDOW];
            for (int w = 0; w < levels.length; w++) {
                double sum = 0;
                for (int i = w * WINDOW; i < (w + 1) * WINDOW; i++) {
                    sum += (double) pcm[i] * pcm[i];
                }
                levels[w] = Math.sqrt(sum / WINDOW);
            }
            return levels;
        }
    }
}
