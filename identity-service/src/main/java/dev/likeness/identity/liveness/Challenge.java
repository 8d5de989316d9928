package dev.likeness.identity.liveness;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the person must do on camera: read the digits aloud, turn the head in the given order. */
@Schema(name = "Challenge")
public record Challenge(
        @Schema(description = "Send it back with the capture (header Likeness-Challenge-Nonce)") String nonce,
        @Schema(description = "Digits to read aloud", example = "482913") String digits,
        @Schema(description = "Head turns to make, in this order, as seen by the person (not mirrored)") List<Move> moves) {

    public enum Move { LEFT, RIGHT }

    /** The nonce's source whatever draws the rest: it stays unpredictable and unique even when the draws are seeded. */
    private static final SecureRandom NONCES = new SecureRandom();

    /** A new challenge: the nonce from SecureRandom, the digits and moves from {@code draws} (enrolment's seeded or secure generator). */
    public static Challenge draw(int digitCount, Random draws) {
        byte[] nonce = new byte[18];
        NONCES.nextBytes(nonce);
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < digitCount; i++) {
            digits.append(draws.nextInt(10));
        }
        List<Move> moves = new ArrayList<>();
        int count = 2 + draws.nextInt(2);
        for (int i = 0; i < count; i++) {
            moves.add(draws.nextBoolean() ? Move.LEFT : Move.RIGHT);
        }
        return new Challenge(Base64.getUrlEncoder().withoutPadding().encodeToString(nonce), digits.toString(), moves);
    }
}
