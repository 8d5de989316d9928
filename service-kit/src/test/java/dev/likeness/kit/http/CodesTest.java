package dev.likeness.kit.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

class CodesTest {

    enum Reason { USED_UP, ONLY_ME, EXPIRED }

    /** How the services' enums use codes: Jackson writes and reads the {@link JsonValue}, no creator needed. */
    enum Purpose {
        DRAFT, PUBLISH_LATER;

        @JsonValue
        public String code() {
            return Codes.of(this);
        }
    }

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

    @Test
    void jsonCarriesTheCodeBothWays() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals("\"publish-later\"", json.writeValueAsString(Purpose.PUBLISH_LATER));
        assertSame(Purpose.PUBLISH_LATER, json.readValue("\"publish-later\"", Purpose.class));
        assertThrows(InvalidFormatException.class, () -> json.readValue("\"PUBLISH_LATER\"", Purpose.class));
    }
}
