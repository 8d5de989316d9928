package dev.likeness.console.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void everyEnglishTextHasItsFrenchOneAndNoOther() throws IOException {
        assertEquals(keys("en"), keys("fr"), "msg_en and msg_fr name the same texts");
    }

    @Test
    void argumentsAndApostrophesRenderInBothLanguages() {
        assertEquals("Revoke Bob Person", Texts.text(Locale.ENGLISH, "grant.revoke", "Bob Person"));
        assertEquals("Révoquer Bob Person", Texts.text(Locale.FRENCH, "grant.revoke", "Bob Person"));
        assertEquals("Lever la protection de Zoë O’Brien", Texts.text(Locale.FRENCH, "trust.unprotect", "Zoë O’Brien"));
        assertEquals("Ce n’est pas votre nom d’utilisateur. Tapez exactement zoe-1 : rien n’a été effacé.",
                Texts.text(Locale.FRENCH, "erasure.mismatch", "zoe-1"));
    }

    @Test
    void aTextMissingInALanguageFallsBackToEnglishThenToItsKey() {
        assertEquals("Alerts", Texts.text(Locale.GERMAN, "nav.alerts"));
        assertEquals("no.such.text", Texts.text(Locale.FRENCH, "no.such.text"));
    }

    /**
     * Each hint identity-service gives a failed liveness check (the Hint schema of its committed
     * OpenAPI document) has its advice in both languages, and no advice is left for a hint it dropped.
     */
    @Test
    void everyHintOfIdentityServiceHasItsAdviceAndNoOther() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "identity-service", "openapi.yaml"));
        int start = lines.indexOf("    Hint:");
        assertTrue(start >= 0, "identity-service's OpenAPI document has a Hint schema");
        Set<String> hints = new TreeSet<>();
        for (int i = start + 1; i < lines.size() && lines.get(i).startsWith("      "); i++) {
            if (lines.get(i).startsWith("      - ")) {
                hints.add(lines.get(i).substring("      - ".length()));
            }
        }
        assertTrue(hints.contains("too-noisy"), "the hints: " + hints);
        for (String language : List.of("en", "fr")) {
            Set<String> advice = new TreeSet<>();
            keys(language).stream().filter(key -> key.startsWith("hint.")).forEach(key -> advice.add(key.substring("hint.".length())));
            assertEquals(hints, advice, "msg_" + language + ": hint.<code> for each hint, and only those");
        }
    }

    private static Set<String> keys(String language) throws IOException {
        Properties texts = new Properties();
        try (InputStream in = TextsTest.class.getResourceAsStream("/messages/msg_" + language + ".properties")) {
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return new TreeSet<>(texts.stringPropertyNames());
    }
}
