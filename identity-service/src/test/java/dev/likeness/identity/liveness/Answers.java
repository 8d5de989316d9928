package dev.likeness.identity.liveness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import dev.likeness.captures.Captures;
import dev.likeness.captures.Captures.Act;
import dev.likeness.captures.Captures.Container;
import dev.likeness.captures.Face;
import dev.likeness.captures.Noise;
import dev.likeness.captures.Captures.Subject;
import dev.likeness.identity.capture.Verification;

/** Challenges as the service makes them, and the attacks on them: each answers the challenge in every way but one. */
final class Answers {

    private Answers() {
    }

    /** Six digits and two or three turns, drawn from {@code random}. */
    static Challenge challenge(Random random, String nonce) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            digits.append(random.nextInt(10));
        }
        List<Challenge.Move> moves = new ArrayList<>();
        for (int i = 0, count = 2 + random.nextInt(2); i < count; i++) {
            moves.add(random.nextBoolean() ? Challenge.Move.LEFT : Challenge.Move.RIGHT);
        }
        return new Challenge(nonce, digits.toString(), moves);
    }

    /** A challenge's turns as the fixtures name them. */
    static List<String> turns(Challenge challenge) {
        return challenge.moves().stream().map(Enum::name).toList();
    }

    /**
     * A challenge drawn from {@code random}, the live answer to it changed by {@code perform},
     * recorded in {@code container} (its seed drawn next from {@code random}) and verified.
     */
    static Verification verified(BuiltInVerifier verifier, Random random, Container container, UnaryOperator<Act> perform)
            throws IOException {
        Challenge challenge = challenge(random, "answer");
        Act act = perform.apply(Captures.live(challenge.digits(), turns(challenge)));
        Path file = Files.createTempFile("answer", ".bin");
        try {
            Files.write(file, Captures.record(container, act, random.nextLong()));
            return verifier.verify(file, challenge).verification();
        } finally {
            Files.delete(file);
        }
    }

    /**
     * As {@link #verified}, for the {@code clip}-th of a series: the clips take each container and
     * each face in turn, the face before {@code perform} changes the answer.
     */
    static Verification verifiedInTurn(BuiltInVerifier verifier, Random random, int clip, UnaryOperator<Act> perform)
            throws IOException {
        Face face = Face.values()[clip % Face.values().length];
        Container container = Container.values()[clip % Container.values().length];
        return verified(verifier, random, container, live -> perform.apply(live.as(face)));
    }

    /** A fixture's kind as the tables name it: {@code PHONE_MP4} is "phone mp4". */
    static String named(Enum<?> kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Each attack type, by name, made from the live answer. */
    static Map<String, UnaryOperator<Act>> attacks() {
        Map<String, UnaryOperator<Act>> attacks = new LinkedHashMap<>();
        attacks.put("still photo", live -> live.showing(Subject.STILL_PHOTO));
        attacks.put("photo slid across", live -> live.showing(Subject.PHOTO_SLID));
        attacks.put("photo tilted like a card", live -> live.showing(Subject.PHOTO_TILTED));
        attacks.put("no face", live -> live.showing(Subject.NO_FACE));
        attacks.put("silence", Act::silent);
        attacks.put("wrong digits", live -> live.saying(otherDigits(live.digits())));
        attacks.put("another challenge's digits spliced in (the second half)", live -> live.saying(spliced(live.digits())));
        attacks.put("replay of an earlier answer (another challenge)",
                live -> live.saying(otherDigits(live.digits())).turning(mirrored(live.turns())));
        attacks.put("wrong turn order", live -> live.turning(mirrored(live.turns())));
        // Where other people talk the digits are heard otherwise (gated, Moonshine's beam, Sphinx4 beside): the same attacks there.
        attacks.put("wrong digits, in a café (babble 10 dB)", live -> live.saying(otherDigits(live.digits())).inNoise(Noise.BABBLE, 10));
        attacks.put("another challenge's digits spliced in, in a café (babble 10 dB)", live -> live.saying(spliced(live.digits()))
                .inNoise(Noise.BABBLE, 10));
        return attacks;
    }

    /** Every digit changed: what someone reading another challenge would say. */
    static String otherDigits(String digits) {
        return digits.chars().mapToObj(d -> String.valueOf((char) ('0' + (d - '0' + 5) % 10))).collect(Collectors.joining());
    }

    /** The first half of {@code digits}, then the second half of another challenge's. */
    static String spliced(String digits) {
        return digits.substring(0, digits.length() / 2) + otherDigits(digits).substring(digits.length() / 2);
    }

    /** Each turn the other way: a person following a mirrored preview. */
    static List<String> mirrored(List<String> turns) {
        return turns.stream().map(turn -> turn.equals("LEFT") ? "RIGHT" : "LEFT").toList();
    }
}
