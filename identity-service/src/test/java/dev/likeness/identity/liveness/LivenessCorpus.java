package dev.likeness.identity.liveness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.likeness.captures.Captures.Act;
import dev.likeness.captures.Noise;
import dev.likeness.captures.Voice;
import dev.likeness.identity.capture.Check;
import dev.likeness.identity.capture.Verification;

/**
 * The built-in verifier on captures it was not built on: live answers read by voices of three
 * engines (FreeTTS, espeak-ng and flite, at several speeds and pitches; two of them also saying
 * "oh" for 0) in a quiet room, under
 * white noise, room tone and babble at 20, 15, 10 and 5 dB SNR, and in reverberant rooms, by three
 * faces, in MP4 (plain, fragmented and a phone's upright one) and WebM (VP8 and VP9) in turn, and
 * the attacks (read by each voice in turn; the wrong and the spliced digits also in a café); BPCER
 * per condition, APCER per attack type (ISO/IEC 30107-3) with what each attack's failed checks
 * measured. Not part of the test suite (no *Test name): deploy/liveness-corpus.sh runs it and it writes
 * identity-service/target/liveness-corpus.md. It reports; it asserts nothing. The seed is
 * printed; {@code -Dcorpus.seed} replays a run, {@code -Dcorpus.rooms} runs only the rooms it names.
 */
class LivenessCorpus {

    static final List<Voice> VOICES = List.of(Voice.FREETTS,
            Voice.espeak("en-us", 175, 50), Voice.espeak("en-us", 140, 70), Voice.espeak("en-gb", 175, 50),
            Voice.espeak("en-gb-x-rp", 210, 35), Voice.flite("slt"), Voice.flite("kal"));
    /** The voices, then two US ones saying "oh" for 0, as many people read digits aloud. */
    private static final List<Voice> READERS = Stream.concat(VOICES.stream(),
            Stream.of(Voice.espeak("en-us", 175, 50).sayingOh(), Voice.flite("slt").sayingOh())).toList();
    private static final List<Condition> CONDITIONS = rooms(System.getProperty("corpus.rooms", ""));
    private static final int CLIPS = Integer.getInteger("corpus.clips", 4);
    private static final int ATTACKS = Integer.getInteger("corpus.attacks", 2);

    private record Outcome(boolean passed, String failed, String measured) {
    }

    /** A room: its noise's kind and level against the voice (infinite: a quiet room), its reverberation time (0: dry). */
    private record Condition(Noise noise, double snr, double rt60) {

        static final double QUIET = Double.POSITIVE_INFINITY;

        String label() {
            String noisy = Double.isInfinite(snr) ? "" : String.format(Locale.ROOT, "%s %.0f dB", Answers.named(noise), snr);
            String echoing = rt60 == 0 ? "" : String.format(Locale.ROOT, "RT60 %.1f s", rt60);
            return noisy.isEmpty() && echoing.isEmpty() ? "quiet room" : noisy.isEmpty() ? echoing : echoing.isEmpty() ? noisy : echoing + ", " + noisy;
        }

        Act in(Act act) {
            return act.inNoise(noise, snr).reverberant(rt60);
        }
    }

    /** The rooms labelled in {@code labels} (comma-separated), to iterate on a few; empty: every room. */
    private static List<Condition> rooms(String labels) {
        List<Condition> all = conditions();
        if (labels.isEmpty()) {
            return all;
        }
        // A comma followed by a space is part of a label ("RT60 0.7 s, room tone 15 dB").
        List<String> wanted = List.of(labels.split(",(?! )"));
        List<Condition> named = all.stream().filter(room -> wanted.contains(room.label())).toList();
        if (named.size() != wanted.size()) {
            throw new IllegalArgumentException("corpus.rooms names a room the corpus has not: " + labels + "; it has "
                    + all.stream().map(Condition::label).toList());
        }
        return named;
    }

    private static List<Condition> conditions() {
        List<Condition> conditions = new ArrayList<>(List.of(new Condition(Noise.WHITE, Condition.QUIET, 0)));
        for (Noise noise : Noise.values()) {
            for (double snr : List.of(20.0, 15.0, 10.0, 5.0)) {
                conditions.add(new Condition(noise, snr, 0));
            }
        }
        // A furnished room, a bare one, and a bare kitchen with its hum.
        conditions.addAll(List.of(new Condition(Noise.WHITE, Condition.QUIET, 0.3), new Condition(Noise.WHITE, Condition.QUIET, 0.7),
                new Condition(Noise.ROOM_TONE, 15, 0.7)));
        return conditions;
    }

    @Test
    void bpcerPerVoiceAndNoiseApcerPerAttack() throws Exception {
        long seed = Long.getLong("corpus.seed", System.nanoTime());
        System.out.println("liveness corpus seed " + seed + " (-Dcorpus.seed=" + seed + " replays it)");
        Random random = new Random(seed);
        Map<String, Map<Condition, List<Outcome>>> live = new LinkedHashMap<>();
        Map<String, List<Outcome>> attacks = new LinkedHashMap<>();
        BuiltInVerifier verifier = BuiltIn.verifier();
        try {
            int clip = 0;
            for (Voice voice : READERS) {
                for (Condition room : CONDITIONS) {
                    for (int i = 0; i < CLIPS; i++) {
                        Outcome outcome = judge(verifier, random, clip++, act -> room.in(act.readBy(voice)));
                        live.computeIfAbsent(voice.name(), v -> new LinkedHashMap<>()).computeIfAbsent(room, s -> new ArrayList<>()).add(outcome);
                    }
                }
            }
            int attack = 0;
            for (var kind : Answers.attacks().entrySet()) {
                for (int i = 0; i < ATTACKS; i++) {
                    // Each attack read by the next voice: a recording replayed or spliced may be anyone's.
                    Voice voice = READERS.get(attack++ % READERS.size());
                    attacks.computeIfAbsent(kind.getKey(), k -> new ArrayList<>())
                            .add(judge(verifier, random, clip++, act -> kind.getValue().apply(act.readBy(voice))));
                }
            }
        } finally {
            verifier.close();
        }
        String report = report(seed, live, attacks);
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/liveness-corpus.md"), report);
    }

    /** A live answer or attack, recorded in each container in turn, by each face in turn. */
    private static Outcome judge(BuiltInVerifier verifier, Random random, int clip, UnaryOperator<Act> perform) throws Exception {
        Verification verification = Answers.verifiedInTurn(verifier, random, clip, perform);
        List<Check> failed = verification.checks().stream().filter(check -> !check.passed()).toList();
        return new Outcome(verification.passed(), failed.stream().map(LivenessCorpus::failure).collect(Collectors.joining(", ")),
                failed.stream().map(check -> check.name() + " " + check.measured()).collect(Collectors.joining(", ")));
    }

    private static String failure(Check check) {
        return check.name() + (check.hint() == null ? "" : " (" + check.hint().code() + ")");
    }

    private static String report(long seed, Map<String, Map<Condition, List<Outcome>>> live, Map<String, List<Outcome>> attacks) {
        StringBuilder out = new StringBuilder("Seed " + seed + ", " + CLIPS + " live clips per cell (each container and face in turn), "
                + ATTACKS + " per attack type.\n\n**Live captures verified** (BPCER = rejected / clips):\n\n| voice |");
        CONDITIONS.forEach(room -> out.append(' ').append(room.label()).append(" |"));
        out.append("\n| --- |").append(" --- |".repeat(CONDITIONS.size())).append('\n');
        live.forEach((voice, cells) -> {
            out.append("| ").append(voice).append(" |");
            cells.values().forEach(outcomes -> out.append(' ').append(outcomes.stream().filter(Outcome::passed).count())
                    .append('/').append(outcomes.size()).append(" |"));
            out.append('\n');
        });
        out.append("| **BPCER, all voices** |");
        for (Condition room : CONDITIONS) {
            List<Outcome> all = live.values().stream().flatMap(cells -> cells.get(room).stream()).toList();
            long rejected = all.stream().filter(o -> !o.passed()).count();
            out.append(String.format(Locale.ROOT, " %.0f%% (%d/%d) |", 100.0 * rejected / all.size(), rejected, all.size()));
        }
        out.append("\n\n**Why live captures were rejected** (failed check and its hint, how often):\n\n| condition | rejected by |\n| --- | --- |\n");
        for (Condition room : CONDITIONS) {
            Map<String, Long> causes = new TreeMap<>(live.values().stream().flatMap(cells -> cells.get(room).stream())
                    .filter(o -> !o.passed()).flatMap(o -> List.of(o.failed().split(", ")).stream())
                    .collect(Collectors.groupingBy(c -> c, Collectors.counting())));
            out.append("| ").append(room.label()).append(" | ").append(causes.isEmpty() ? "—" : causes.entrySet().stream()
                    .map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "))).append(" |\n");
        }
        out.append("\n**Attacks** (APCER = accepted / attacks; what each attempt's failed checks measured, against the "
                + "thresholds of identity-service/README \"Liveness\"):\n\n| attack | accepted | rejected by | measured |\n| --- | --- | --- | --- |\n");
        attacks.forEach((kind, outcomes) -> out.append("| ").append(kind).append(" | ")
                .append(outcomes.stream().filter(Outcome::passed).count()).append('/').append(outcomes.size()).append(" | ")
                .append(outcomes.stream().filter(o -> !o.passed()).flatMap(o -> List.of(o.failed().split(", ")).stream())
                        .map(f -> f.replaceFirst(" \\(.*", "")).distinct().sorted().collect(Collectors.joining(", ")))
                .append(" | ").append(outcomes.stream().map(Outcome::measured).collect(Collectors.joining("; ")).replace("|", "\\|"))
                .append(" |\n"));
        return out.toString();
    }
}
