package dev.likeness.identity.liveness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import dev.likeness.identity.capture.CaptureMedia;

/**
 * The digits spoken in a capture, by Moonshine tiny (Useful Sensors, MIT licence): a speech-to-text
 * encoder and decoder trained on real speech, accents and rooms, run on ONNX Runtime. The model is
 * the quantized one the npm package {@code @moonshine-ai/moonshine-js} ships, its token spellings
 * those of {@code llama-tokenizer-js}; the build fetches both (identity-service/pom.xml). Its decoder
 * may write only digits (numerals, their words, "oh") and what separates them, and exactly as many
 * digits as asked: left free, it wrote nothing for 22 of 36 clips in a quiet room (the end of text
 * came first) and looped on noisy ones ("925299999…"). Used by one capture at a time.
 */
final class MoonshineDigits implements SpokenDigits {

    private static final String MODEL = "/moonshine/";
    /** The tiny model's decoder: its layers, and the heads and size of their cached keys and values. */
    private static final int LAYERS = 6;
    private static final int HEADS = 8;
    private static final int HEAD_SIZE = 36;
    private static final long START = 1;
    private static final List<String> DECODER_CACHE = cacheNames("decoder");
    private static final List<String> ENCODER_CACHE = cacheNames("encoder");
    private static final List<String> ALL_CACHE = Stream.concat(DECODER_CACHE.stream(), ENCODER_CACHE.stream()).toList();
    /** What a token may say: a digit (numeral or word), "oh", or a space, comma, full stop or hyphen between digits. */
    private static final int SEPARATOR = -1;
    private static final int FORBIDDEN = -2;

    private final OnnxThread onnx = new OnnxThread("moonshine");
    private final OrtSession encoder = onnx.session(MODEL + "encoder_model.onnx");
    private final OrtSession decoder = onnx.session(MODEL + "decoder_model_merged.onnx");
    /** Per token: the digit it writes, {@link #SEPARATOR} or {@link #FORBIDDEN}. */
    private final int[] digitOf;
    private final int count;

    MoonshineDigits(int count) {
        this.count = count;
        this.digitOf = digits(spellings());
    }

    /** Exactly {@code count} digits, unless {@code pcm} is too short to hear anything in: the likeliest token at each step. */
    @Override
    public String hear(short[] pcm) {
        return hear(pcm, 1);
    }

    /** The likeliest {@code count} digits the decoder finds keeping {@code beam} hypotheses at each step. */
    synchronized String hear(short[] pcm, int beam) {
        return onnx.call(() -> decode(pcm, beam));
    }

    /**
     * A way the digits may go on: those written so far, their log probability, the token to feed
     * the decoder next, and its row in the keys and values the decoder's last step cached.
     */
    private record Hypothesis(String digits, double score, long token, int row) {
    }

    /**
     * Beam search, every hypothesis of a step decoded in one batch (one hypothesis is greedy
     * decoding): four run one by one took a capture in a café past the second it may take.
     */
    private String decode(short[] pcm, int width) throws OrtException {
        // Too short for its convolutions to yield one frame: nothing to hear.
        if (pcm.length < CaptureMedia.SAMPLE_RATE / 10) {
            return "";
        }
        float[] audio = new float[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            audio[i] = pcm[i] / 32768f;
        }
        List<OnnxTensor> made = new ArrayList<>();
        try (OnnxTensor input = OnnxTensor.createTensor(onnx.environment, FloatBuffer.wrap(audio), new long[] {1, audio.length});
             OrtSession.Result encoded = encoder.run(Map.of("input_values", input))) {
            OnnxTensor states = (OnnxTensor) encoded.get(0);
            // Per batch size: the encoder's states, and (from the second step) the keys and values cached from them, once per row.
            Map<Integer, Map<String, OnnxTensor>> fixed = new HashMap<>();
            Map<String, OnnxTensor> encoderCache = new HashMap<>();
            Map<String, float[]> decoderCache = new HashMap<>();
            int length = 0;
            List<Hypothesis> beam = List.of(new Hypothesis("", 0, START, 0));
            Hypothesis heard = null;
            // Separators between digits, at most two per digit: a hypothesis that only writes those is stuck.
            for (int step = 0; step < 3 * count && !beam.isEmpty(); step++) {
                if (length > 0 && !fixed.containsKey(beam.size())) {
                    fixed.put(beam.size(), repeated(beam.size(), states, encoderCache, made));
                }
                Map<String, OnnxTensor> inputs = new HashMap<>(length == 0 ? Map.of("encoder_hidden_states", states) : fixed.get(beam.size()));
                List<OnnxTensor> stepTensors = new ArrayList<>();
                try {
                    stepTensors.add(tensor(beam.stream().mapToLong(Hypothesis::token).toArray(), new long[] {beam.size(), 1}));
                    inputs.put("input_ids", stepTensors.get(0));
                    stepTensors.add(OnnxTensor.createTensor(onnx.environment, new boolean[] {length > 0}));
                    inputs.put("use_cache_branch", stepTensors.get(1));
                    for (String name : length == 0 ? ALL_CACHE : DECODER_CACHE) {
                        OnnxTensor past = length == 0 ? empty() : gathered(decoderCache.get(name), beam, length);
                        stepTensors.add(past);
                        inputs.put("past_key_values." + name, past);
                    }
                    try (OrtSession.Result out = decoder.run(inputs)) {
                        // The encoder's keys and values come out of the first step only; the decoder's grow each step.
                        if (length == 0) {
                            for (String name : ENCODER_CACHE) {
                                encoderCache.put(name, copy((OnnxTensor) out.get("present." + name).orElseThrow(), made));
                            }
                        }
                        for (String name : DECODER_CACHE) {
                            decoderCache.put(name, floats((OnnxTensor) out.get("present." + name).orElseThrow()));
                        }
                        length++;
                        FloatBuffer logits = ((OnnxTensor) out.get("logits").orElseThrow()).getFloatBuffer();
                        int vocabulary = logits.limit() / beam.size();
                        List<Hypothesis> next = new ArrayList<>();
                        for (int row = 0; row < beam.size(); row++) {
                            extend(beam.get(row), row, logits.slice(row * vocabulary, vocabulary), next);
                        }
                        next.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
                        List<Hypothesis> kept = new ArrayList<>();
                        for (Hypothesis hypothesis : next.subList(0, Math.min(width, next.size()))) {
                            if (hypothesis.digits().length() < count) {
                                kept.add(hypothesis);
                            } else if (heard == null || hypothesis.score() > heard.score()) {
                                heard = hypothesis;
                            }
                        }
                        // Scores only fall as a hypothesis grows: none below the best complete one can overtake it.
                        double bar = heard == null ? Double.NEGATIVE_INFINITY : heard.score();
                        beam = kept.stream().filter(hypothesis -> hypothesis.score() > bar).toList();
                    }
                } finally {
                    stepTensors.forEach(OnnxTensor::close);
                }
            }
            return heard != null ? heard.digits() : beam.isEmpty() ? "" : beam.get(0).digits();
        } finally {
            made.forEach(OnnxTensor::close);
        }
    }

    /** The encoder's states and the keys and values cached from them, each repeated for {@code rows} hypotheses. */
    private Map<String, OnnxTensor> repeated(int rows, OnnxTensor states, Map<String, OnnxTensor> encoderCache, List<OnnxTensor> made)
            throws OrtException {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        inputs.put("encoder_hidden_states", rows == 1 ? states : repeat(states, rows, made));
        for (Map.Entry<String, OnnxTensor> cached : encoderCache.entrySet()) {
            inputs.put("past_key_values." + cached.getKey(), rows == 1 ? cached.getValue() : repeat(cached.getValue(), rows, made));
        }
        return inputs;
    }

    private OnnxTensor repeat(OnnxTensor one, int rows, List<OnnxTensor> made) throws OrtException {
        float[] row = floats(one);
        float[] all = new float[row.length * rows];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(row, 0, all, r * row.length, row.length);
        }
        long[] shape = one.getInfo().getShape().clone();
        shape[0] = rows;
        OnnxTensor repeated = tensor(all, shape);
        made.add(repeated);
        return repeated;
    }

    /** Each hypothesis' own row of the decoder's cached keys or values ({@code [rows, heads, length, size]}). */
    private OnnxTensor gathered(float[] cached, List<Hypothesis> beam, int length) throws OrtException {
        int row = HEADS * length * HEAD_SIZE;
        float[] rows = new float[row * beam.size()];
        for (int b = 0; b < beam.size(); b++) {
            System.arraycopy(cached, beam.get(b).row() * row, rows, b * row, row);
        }
        return tensor(rows, new long[] {beam.size(), HEADS, length, HEAD_SIZE});
    }

    /** No keys or values yet: the decoder's first step ignores them. */
    private OnnxTensor empty() throws OrtException {
        return tensor(new float[0], new long[] {0, HEADS, 1, HEAD_SIZE});
    }

    private OnnxTensor copy(OnnxTensor tensor, List<OnnxTensor> made) throws OrtException {
        OnnxTensor copied = tensor(floats(tensor), tensor.getInfo().getShape());
        made.add(copied);
        return copied;
    }

    private static float[] floats(OnnxTensor tensor) {
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    private OnnxTensor tensor(float[] values, long[] shape) throws OrtException {
        return OnnxTensor.createTensor(onnx.environment, FloatBuffer.wrap(values), shape);
    }

    private OnnxTensor tensor(long[] values, long[] shape) throws OrtException {
        return OnnxTensor.createTensor(onnx.environment, LongBuffer.wrap(values), shape);
    }

    /** Adds to {@code next} each token the decoder may write after {@code hypothesis}, scored by its log probability. */
    private void extend(Hypothesis hypothesis, int row, FloatBuffer logits, List<Hypothesis> next) {
        double max = Double.NEGATIVE_INFINITY;
        for (int token = 0; token < logits.limit(); token++) {
            max = Math.max(max, logits.get(token));
        }
        double sum = 0;
        for (int token = 0; token < logits.limit(); token++) {
            sum += Math.exp(logits.get(token) - max);
        }
        double logSum = max + Math.log(sum);
        for (int token = 0; token < digitOf.length && token < logits.limit(); token++) {
            if (digitOf[token] != FORBIDDEN) {
                String digits = digitOf[token] >= 0 ? hypothesis.digits() + (char) ('0' + digitOf[token]) : hypothesis.digits();
                next.add(new Hypothesis(digits, hypothesis.score() + logits.get(token) - logSum, token, row));
            }
        }
    }

    /** The names of the cached keys and values, every layer's, of the decoder's own tokens or of the encoder's states. */
    private static List<String> cacheNames(String of) {
        return IntStream.range(0, LAYERS).boxed().flatMap(layer -> Stream.of(layer + "." + of + ".key", layer + "." + of + ".value")).toList();
    }

    /** What each token writes, from its spelling ("▁seven", "7", ","): never the end of text. */
    private static int[] digits(List<String> spellings) {
        int[] digits = new int[spellings.size()];
        for (int token = 0; token < digits.length; token++) {
            String word = spellings.get(token).replace('\u2581', ' ').strip().toLowerCase(Locale.ROOT);
            int spoken = SpokenDigits.digit(word);
            digits[token] = word.matches("[0-9]") ? word.charAt(0) - '0'
                    : spoken >= 0 ? spoken
                    : word.matches("[,.-]?") ? SEPARATOR
                    : FORBIDDEN;
        }
        return digits;
    }

    /** The tokens' spellings, in the base64 list llama-tokenizer-js carries. */
    private static List<String> spellings() {
        try (InputStream script = MoonshineDigits.class.getResourceAsStream(MODEL + "llama-tokenizer.js")) {
            if (script == null) {
                throw new IOException("missing " + MODEL + "llama-tokenizer.js");
            }
            Matcher vocabulary = Pattern.compile("llama_vocab_base64 = \"([A-Za-z0-9+/=]+)\"")
                    .matcher(new String(script.readAllBytes(), StandardCharsets.UTF_8));
            if (!vocabulary.find()) {
                throw new IOException("llama-tokenizer.js no longer holds llama_vocab_base64");
            }
            return List.of(new String(Base64.getDecoder().decode(vocabulary.group(1)), StandardCharsets.UTF_8).split("\n", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        onnx.close(encoder, decoder);
    }
}
