package dev.likeness.console.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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

    private static Set<String> keys(String language) throws IOException {
        Properties texts = new Properties();
        try (InputStream in = TextsTest.class.getResourceAsStream("/messages/msg_" + language + ".properties")) {
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return new TreeSet<>(texts.stringPropertyNames());
    }
}
