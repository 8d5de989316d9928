package dev.likeness.identity.liveness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** Exactly {@code count} digits, unless {@code pcm} is too short to hear anything in. */
    @Override
    public synchronized String hear(short[] pcm) {
        return onnx.call(() -> decode(pcm));
    }

    private String decode(short[] pcm) throws OrtException {
        // Too short for its convolutions to yield one frame: nothing to hear.
        if (pcm.length < CaptureMedia.SAMPLE_RATE / 10) {
            return "";
        }
        float[] audio = new float[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            audio[i] = pcm[i] / 32768f;
        }
        StringBuilder heard = new StringBuilder();
        List<OrtSession.Result> held = new ArrayList<>();
        try (OnnxTensor input = OnnxTensor.createTensor(onnx.environment, FloatBuffer.wrap(audio), new long[] {1, audio.length});
             OrtSession.Result encoded = encoder.run(Map.of("input_values", input));
             OnnxTensor noPast = OnnxTensor.createTensor(onnx.environment, FloatBuffer.allocate(0), new long[] {0, HEADS, 1, HEAD_SIZE})) {
            Map<String, OnnxTensor> past = new HashMap<>();
            for (int layer = 0; layer < LAYERS; layer++) {
                for (String name : cacheNames(layer)) {
                    past.put("past_key_values." + name, noPast);
                }
            }
            long token = START;
            // Separators between digits, at most two per digit: a decoder that only writes those is stuck.
            for (int step = 0; step < 3 * count && heard.length() < count; step++) {
                Map<String, OnnxTensor> inputs = new HashMap<>(past);
                try (OnnxTensor ids = OnnxTensor.createTensor(onnx.environment, LongBuffer.wrap(new long[] {token}), new long[] {1, 1});
                     OnnxTensor cached = OnnxTensor.createTensor(onnx.environment, new boolean[] {step > 0})) {
                    inputs.put("input_ids", ids);
                    inputs.put("encoder_hidden_states", (OnnxTensor) encoded.get(0));
                    inputs.put("use_cache_branch", cached);
                    OrtSession.Result out = decoder.run(inputs);
                    held.add(out);
                    int next = likeliestAllowed(((OnnxTensor) out.get("logits").orElseThrow()).getFloatBuffer());
                    // The encoder's keys and values come out of the first step only; the decoder's grow each step.
                    for (int layer = 0; layer < LAYERS; layer++) {
                        for (String name : cacheNames(layer)) {
                            if (step == 0 || name.contains("decoder")) {
                                past.put("past_key_values." + name, (OnnxTensor) out.get("present." + name).orElseThrow());
                            }
                        }
                    }
                    if (digitOf[next] >= 0) {
                        heard.append((char) ('0' + digitOf[next]));
                    }
                    token = next;
                }
                // Only the first step's result (the encoder's cache) and the last one are still read.
                if (held.size() > 2) {
                    held.remove(1).close();
                }
            }
        } finally {
            held.forEach(OrtSession.Result::close);
        }
        return heard.toString();
    }

    private static List<String> cacheNames(int layer) {
        return List.of(layer + ".decoder.key", layer + ".decoder.value", layer + ".encoder.key", layer + ".encoder.value");
    }

    /** The likeliest token the decoder may write; logits of the one position decoded. */
    private int likeliestAllowed(FloatBuffer logits) {
        int best = -1;
        float bestLogit = Float.NEGATIVE_INFINITY;
        for (int token = 0; token < digitOf.length && token < logits.limit(); token++) {
            if (digitOf[token] != FORBIDDEN && logits.get(token) > bestLogit) {
                best = token;
                bestLogit = logits.get(token);
            }
        }
        return best;
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
