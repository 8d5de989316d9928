package dev.likeness.identity.liveness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpokenDigitsTest {

    @Test
    void eachDigitMisheardDroppedOrAddedIsOneOff() {
        assertEquals(0, SpokenDigits.off("224521", "224521"));
        assertEquals(1, SpokenDigits.off("224581", "224521"));
        assertEquals(1, SpokenDigits.off("22451", "224521"));
        assertEquals(1, SpokenDigits.off("2245321", "224521"));
        assertEquals(6, SpokenDigits.off("", "224521"));
        assertEquals(6, SpokenDigits.off("779076", "224521"));
    }

    @Test
    void aReadingShiftedOnePlaceIsOneOff() {
        // The first digit lost and one written at the end (heard in a café).
        assertEquals(1, SpokenDigits.off("245211", "224521"));
        // Another's word taken for a digit before the first, the last dropped (heard in a café).
        assertEquals(1, SpokenDigits.off("273553", "735531"));
        // Shifted and one digit misheard besides: two off, as before.
        assertEquals(2, SpokenDigits.off("245311", "224521"));
        assertEquals(2, SpokenDigits.off("673253", "735531"));
    }

    @Test
    void aSplicedAttackHeardCloseStaysTwoOff() {
        // Asked 127949, the second half another challenge's: heard 127494 in a café.
        assertEquals(2, SpokenDigits.off("127494", "127949"));
    }
}
