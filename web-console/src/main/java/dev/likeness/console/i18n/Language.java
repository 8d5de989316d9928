package dev.likeness.console.i18n;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * The person's language for this request: the one they chose (cookie {@value #COOKIE}), else the
 * first of the browser's Accept-Language the console has texts for, else the first it has.
 */
@RequestScoped
public class Language {

    public static final String COOKIE = "likeness-lang";

    private final Locale locale;

    Language(HttpHeaders headers, ConsoleConfig config) {
        this.locale = Locale.forLanguageTag(choose(headers, config.languages()));
    }

    static String choose(HttpHeaders headers, List<String> supported) {
        Cookie chosen = headers.getCookies().get(COOKIE);
        if (chosen != null && supported.contains(chosen.getValue())) {
            return chosen.getValue();
        }
        for (Locale accepted : headers.getAcceptableLanguages()) {
            if (supported.contains(accepted.getLanguage())) {
                return accepted.getLanguage();
            }
        }
        return supported.get(0);
    }

    public Locale locale() {
        return locale;
    }

    public String tag() {
        return locale.getLanguage();
    }
}
