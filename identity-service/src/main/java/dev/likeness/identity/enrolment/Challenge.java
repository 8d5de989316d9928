package dev.likeness.identity.enrolment;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the person must do on camera: read the digits aloud, turn the head in the given order. */
@Schema(name = "Challenge")
public record Challenge(
        @Schema(description = "Send it back with the capture (header Likeness-Challenge-Nonce)") String nonce,
        @Schema(description = "Digits to read aloud", example = "482913") String digits,
        @Schema(description = "Head turns to make, in this order, as seen by the person (not mirrored)") List<Move> moves) {

    public enum Move { LEFT, RIGHT }

    private static final SecureRandom RANDOM = new SecureRandom();

    static Challenge random(int digitCount) {
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < digitCount; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        List<Move> moves = new ArrayList<>();
        int count = 2 + RANDOM.nextInt(2);
        for (int i = 0; i < count; i++) {
            moves.add(RANDOM.nextBoolean() ? Move.LEFT : Move.RIGHT);
        }
        return new Challenge(Base64.getUrlEncoder().withoutPadding().encodeToString(nonce), digits.toString(), moves);
    }
}
