package dev.likeness.consent.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spellings a person would read as the same name are one name; different names stay apart. */
class NamesTest {

    private static final String ZOE = Names.normalize("Zoë O'Brien");

    @ParameterizedTest
    @ValueSource(strings = {
            // case, accents, punctuation and spacing
            "ZOE OBRIEN", " zoe-obrien ", "Zoe O’Brien", "zoë  o'brien!",
            // invisible format characters: zero-width space and joiner, word joiner, BOM, soft hyphen
            "Zo\u200Be O'Brien", "Z\u200Doe O'Bri\u2060en", "\uFEFFZoe O'Brien", "Zo\u00ADe O'Brien",
            // look-alike letters of other scripts: Cyrillic о and е, Greek Ο, fullwidth Ｚ
            "Zое O'Brien", "Zoe \u039F'Brien", "\uFF3Aoe O'Brien"})
    void spellingsReadAsTheSameNameAreOne(String same) {
        assertEquals(ZOE, Names.normalize(same), same.codePoints().mapToObj(Integer::toHexString).toList().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zoe O'Brian", "Zara O'Brien", "Zoe", "Chloe O'Brien"})
    void differentNamesStayDifferent(String other) {
        assertNotEquals(ZOE, Names.normalize(other));
    }

    @Test
    void aPersonIsFoundByNameAndAliasesWithoutEmptyOnes() {
        assertEquals(Set.of(ZOE, Names.normalize("The Real Z")), Names.of("Zoë O'Brien", List.of("The Real Z", "ZOE OBRIEN", " ?! ")));
    }
}
