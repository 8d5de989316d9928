package dev.likeness.kit.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CodesTest {

    enum Reason { USED_UP, ONLY_ME, EXPIRED }

    @Test
    void aCodeIsTheNameInLowerCaseWithHyphens() {
        assertEquals("used-up", Codes.of(Reason.USED_UP));
        assertEquals("expired", Codes.of(Reason.EXPIRED));
    }

    @Test
    void aCodeParsesBackToItsConstant() {
        for (Reason reason : Reason.values()) {
            assertSame(reason, Codes.parse(Reason.class, Codes.of(reason)));
        }
    }

    @Test
    void anUnknownCodeIsRefusedListingTheKnownOnes() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Codes.parse(Reason.class, "USED_UP"));
        assertEquals("one of used-up, only-me, expired", refused.getMessage());
    }
}
