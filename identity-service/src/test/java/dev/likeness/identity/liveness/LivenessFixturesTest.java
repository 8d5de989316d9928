package dev.likeness.identity.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.likeness.captures.Bombs;
import dev.likeness.captures.Captures;
import dev.likeness.captures.Captures.Act;
import dev.likeness.captures.Captures.Container;
import dev.likeness.captures.Captures.Subject;
import dev.likeness.captures.Face;
import dev.likeness.captures.Noise;
import dev.likeness.captures.Voice;
import dev.likeness.identity.capture.Check;
import dev.likeness.identity.capture.Hint;
import dev.likeness.identity.capture.Verification;

/**
 * The built-in verifier against generated fixtures: live clips in every container must verify,
 * every attack must be rejected, and captures built to be expensive (bombs) are refused by the
 * check of the bound they cross, judged on what the container declares or at the first frame past
 * the bound, never decoded to the end. Writes the per-attack table of the service README
 * (target/liveness-fixtures.md): APCER for attacks, BPCER for live clips (ISO/IEC 30107-3).
 */
class LivenessFixturesTest {

    private static final Random CHALLENGES = new Random(30107);
    private static final Challenge CHALLENGE = new Challenge("nonce", "123456", List.of(Challenge.Move.LEFT, Challenge.Move.RIGHT));
    private static BuiltInVerifier verifier;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() {
        verifier = BuiltIn.verifier();
    }

    @AfterAll
    static void stop() throws Exception {
        verifier.close();
    }

    private record Outcome(String kind, boolean passed, String failedChecks) {
    }

    @Test
    void liveClipsVerifyAndEveryAttackIsRejected() throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        for (Container container : Container.values()) {
            for (Face face : Face.values()) {
                String kind = "live, " + Answers.named(container) + ", " + Answers.named(face);
                Verification verification = Answers.verified(verifier, CHALLENGES, container, live -> live.as(face));
                outcomes.add(outcome(kind, verification));
            }
        }
        int clip = 0;
        for (var attack : Answers.attacks().entrySet()) {
            outcomes.add(outcome(attack.getKey(), Answers.verifiedInTurn(verifier, CHALLENGES, clip++, attack.getValue())));
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/liveness-fixtures.md"), table(outcomes));

        List<String> wrong = outcomes.stream()
                .filter(o -> o.kind().startsWith("live") != o.passed())
                .map(o -> o.kind() + (o.passed() ? " accepted" : " rejected by " + o.failedChecks()))
                .toList();
        assertEquals(List.of(), wrong, "live clips must verify and attacks must not");
    }

    /**
     * The corpus' slice in the suite (LivenessCorpus measures the whole): each of its voices in a
     * quiet room and under white noise at 15 dB SNR, each face and container in turn, from a fixed
     * seed, verifies.
     */
    @Test
    void theCorpusVoicesVerifyInAQuietRoomAndUnderNoise() throws Exception {
        Random random = new Random(20261206);
        List<String> rejected = new ArrayList<>();
        int clip = 0;
        for (Voice voice : LivenessCorpus.VOICES) {
            for (double snr : List.of(Double.POSITIVE_INFINITY, 15.0)) {
                Verification verification = Answers.verifiedInTurn(verifier, random, clip++, live -> live.readBy(voice).inNoise(snr));
                if (!verification.passed()) {
                    rejected.add(voice + " at " + snr + " dB: " + verification.checks().stream().filter(check -> !check.passed()).toList());
                }
            }
        }
        assertEquals(List.of(), rejected, "live answers rejected");
    }

    /**
     * In a loud café (other people talking, 10 dB under the voice) every corpus voice verifies.
     * Their words fill the pauses between the person's digits: heard there, they were taken for
     * digits and pushed the person's own along. Without the gate over those pauses and Moonshine's
     * beam, four were not: espeak-ng en-us at 140 wpm, en-gb and en-gb-x-rp, and flite kal (Sphinx4
     * alone rejected two voices even at 15 dB). The corpus measures the rate (identity-service/README
     * "The corpus").
     */
    @Test
    void everyVoiceVerifiesInALoudCafe() throws Exception {
        assertEquals(List.of(), rejected(new Random(10), LivenessCorpus.VOICES, live -> live.inNoise(Noise.BABBLE, 10)),
                "live answers in a café rejected");
    }

    /**
     * In a bare kitchen (echoes dying away over RT60 0.7 s, room tone 15 dB under the voice) both
     * British voices verify. The hum is steady, so the digits are heard in the filtered voice first,
     * where the echoes leave them smeared: from this seed Sphinx4 heard en-gb 220060 for 724465
     * there, and 724065 as recorded. A capture heard more than the allowance off is heard again.
     */
    @Test
    void theBritishVoicesVerifyInAnEchoingKitchen() throws Exception {
        assertEquals(List.of(), rejected(new Random(5), LivenessCorpus.VOICES.subList(3, 5),
                live -> live.inNoise(Noise.ROOM_TONE, 15).reverberant(0.7)), "live answers in a kitchen rejected");
    }

    /**
     * Many people read 0 aloud as "oh": it is heard as 0, costing nothing of the one-digit
     * allowance. Three zeros in the challenge; both recognisers may hear "oh" (without it in its
     * grammar, Sphinx4 heard FreeTTS and flite a digit off here: an "oh" taken for another digit).
     */
    @Test
    void aZeroReadAsOhIsHeardAsZero() throws Exception {
        Challenge challenge = new Challenge("oh", "305080", List.of(Challenge.Move.LEFT, Challenge.Move.RIGHT));
        List<Voice> voices = List.of(Voice.FREETTS.sayingOh(), Voice.espeak("en-us", 175, 50).sayingOh(), Voice.flite("slt").sayingOh());
        List<String> heard = new ArrayList<>();
        for (Voice voice : voices) {
            Path answer = directory.resolve("oh.mp4");
            Files.write(answer, Captures.record(Container.MP4, Captures.live(challenge.digits(), Answers.turns(challenge)).readBy(voice), 7));
            heard.add(voice + ": " + heard(verifier.verify(answer, challenge).verification()));
        }
        assertEquals(voices.stream().map(voice -> voice + ": 305080 (0 off)").toList(), heard);
    }

    /** Each voice's live answer in {@code room}, as an MP4: those rejected, with their failed checks. */
    private static List<String> rejected(Random random, List<Voice> voices, UnaryOperator<Act> room) throws IOException {
        List<String> rejected = new ArrayList<>();
        for (Voice voice : voices) {
            Verification verification = Answers.verified(verifier, random, Container.MP4, live -> room.apply(live.readBy(voice)));
            if (!verification.passed()) {
                rejected.add(voice + ": " + verification.checks().stream().filter(check -> !check.passed()).toList());
            }
        }
        return rejected;
    }

    /**
     * A person is heard the same whoever was verified before them: a voice of each engine, its
     * answer under white noise at 15 dB, hears the same digits verified again after a capture in a
     * loud café (babble at 5 dB SNR, where every hearing is made) as it did first.
     */
    @Test
    void aCaptureIsHeardTheSameWhateverWasVerifiedBefore() throws Exception {
        Random random = new Random(20261207);
        List<String> changed = new ArrayList<>();
        for (Voice voice : List.of(Voice.FREETTS, Voice.espeak("en-gb", 175, 50), Voice.flite("kal"))) {
            Challenge challenge = Answers.challenge(random, "again");
            Path answer = directory.resolve("answer.mp4");
            Files.write(answer, Captures.record(Container.MP4, Captures.live(challenge.digits(), Answers.turns(challenge))
                    .readBy(voice).inNoise(15), random.nextLong()));
            String first = heard(verifier.verify(answer, challenge).verification());
            Answers.verified(verifier, random, Container.WEBM, live -> live.inNoise(Noise.BABBLE, 5));
            String again = heard(verifier.verify(answer, challenge).verification());
            if (!again.equals(first)) {
                changed.add(voice + ": " + first + ", after the café " + again);
            }
        }
        assertEquals(List.of(), changed, "digits heard differently after another capture");
    }

    private static String heard(Verification verification) {
        return verification.checks().stream().filter(check -> check.name().equals("digits")).findFirst().orElseThrow().measured();
    }

    /**
     * A person whose capture failed is told what to do: each way of failing names the check it fails
     * and that check's hint (what the console shows). One challenge, one seed: each clip is the same
     * in every run.
     */
    @Test
    void eachWayOfFailingNamesTheCheckAndWhatToDoAboutIt() throws IOException {
        record Failure(String check, Hint hint) {
        }
        Map<String, UnaryOperator<Act>> ways = new LinkedHashMap<>();
        Map<String, Failure> expected = new LinkedHashMap<>();
        ways.put("a photo held still", live -> live.showing(Subject.STILL_PHOTO));
        expected.put("a photo held still", new Failure("not-static", Hint.STILL_PICTURE));
        ways.put("no face in the picture", live -> live.showing(Subject.NO_FACE));
        expected.put("no face in the picture", new Failure("one-face", Hint.FACE_NOT_CENTRED));
        ways.put("turns mirrored", live -> live.turning(Answers.mirrored(live.turns())));
        expected.put("turns mirrored", new Failure("head-turns", Hint.TURNED_WRONG_WAY));
        ways.put("no turns", live -> live.turning(List.of()));
        expected.put("no turns", new Failure("head-turns", Hint.TURNS_TOO_SMALL));
        ways.put("silence", Act::silent);
        expected.put("silence", new Failure("speech", Hint.TOO_QUIET));
        ways.put("other people talking louder (−10 dB)", live -> live.inNoise(Noise.BABBLE, -10));
        expected.put("other people talking louder (−10 dB)", new Failure("digits", Hint.TOO_NOISY));
        ways.put("speaking before the recording began", live -> live.speakingFrom(-2.0));
        expected.put("speaking before the recording began", new Failure("digits", Hint.SPOKE_TOO_EARLY));
        ways.put("other digits", live -> live.saying(Answers.otherDigits(live.digits())));
        expected.put("other digits", new Failure("digits", Hint.WRONG_DIGITS));

        Act live = Captures.live(CHALLENGE.digits(), Answers.turns(CHALLENGE));
        Map<String, String> found = new LinkedHashMap<>();
        Map<String, String> wanted = new LinkedHashMap<>();
        for (var way : ways.entrySet()) {
            Path file = directory.resolve("failing.mp4");
            Files.write(file, Captures.record(Container.MP4, way.getValue().apply(live), 201));
            Verification verification = verifier.verify(file, CHALLENGE).verification();
            Failure failure = expected.get(way.getKey());
            wanted.put(way.getKey(), failure.check() + ": " + failure.hint().code());
            found.put(way.getKey(), verification.checks().stream().filter(check -> check.name().equals(failure.check()))
                    .map(check -> check.passed() ? check.name() + " passed" : check.name() + ": " + (check.hint() == null ? "no hint" : check.hint().code()))
                    .findFirst().orElse(failure.check() + " not made"));
            verification.checks().forEach(check -> assertEquals(check.passed(), check.hint() == null, check + ": a hint on a failure only"));
        }
        assertEquals(wanted, found);
    }

    private static Outcome outcome(String kind, Verification verification) {
        String failed = verification.checks().stream().filter(c -> !c.passed()).map(Check::name).collect(Collectors.joining(", "));
        return new Outcome(kind, verification.passed(), failed);
    }

    private static String table(List<Outcome> outcomes) {
        StringBuilder out = new StringBuilder("| fixture | clips | accepted | rejected | rejected by |\n| --- | --- | --- | --- | --- |\n");
        Map<String, List<Outcome>> byKind = outcomes.stream().collect(Collectors.groupingBy(Outcome::kind, LinkedHashMap::new, Collectors.toList()));
        byKind.forEach((kind, list) -> {
            long accepted = list.stream().filter(Outcome::passed).count();
            String checks = list.stream().filter(o -> !o.passed()).flatMap(o -> List.of(o.failedChecks().split(", ")).stream())
                    .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(", "));
            out.append("| ").append(kind).append(" | ").append(list.size()).append(" | ").append(accepted)
                    .append(" | ").append(list.size() - accepted).append(" | ").append(checks.isEmpty() ? "—" : checks).append(" |\n");
        });
        return out.toString();
    }

    @ParameterizedTest
    @EnumSource(Bombs.Bomb.class)
    void aBombFailsTheCheckOfItsBound(Bombs.Bomb bomb) throws IOException {
        assertEquals(List.of(bomb.failedCheck), failedChecks(Bombs.of(bomb)));
    }

    @Test
    void aDeclaredLengthPastTheContractIsRefusedBeforeDecoding() throws IOException {
        Path file = Files.write(directory.resolve("long.mp4"), Captures.clip(Captures.Container.MP4, 12, 22));
        Check duration = verifier.verify(file, CHALLENGE).verification().checks().stream()
                .filter(check -> !check.passed()).findFirst().orElseThrow();
        assertEquals(new Check("duration", false, "12.00 s declared", "2.00 s to 10.00 s", Hint.TOO_LONG), duration);
    }

    private List<String> failedChecks(byte[] capture) throws IOException {
        Path file = Files.write(directory.resolve("capture"), capture);
        return verifier.verify(file, CHALLENGE).verification().checks().stream()
                .filter(check -> !check.passed()).map(Check::name).toList();
    }
}
