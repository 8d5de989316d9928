package dev.likeness.console.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import io.quarkus.qute.TemplateExtension;

/**
 * Every text the console shows, from {@code messages/msg_<language>.properties}: templates write
 * {@code {m:t('home.title')}} (or with arguments, {@code {m:t('grants.left', 3)}}), Java calls
 * {@link #text}. A key missing in a language falls back to English, then to the key itself, so a
 * missing translation is visible, never an error page.
 */
public final class Texts {

    private static final ResourceBundle.Control NO_SYSTEM_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Texts() {
    }

    public static String text(Locale locale, String key, Object... args) {
        String pattern = lookup(locale, key);
        if (pattern == null) {
            pattern = lookup(Locale.ENGLISH, key);
        }
        if (pattern == null) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    public static boolean has(Locale locale, String key) {
        return lookup(locale, key) != null || lookup(Locale.ENGLISH, key) != null;
    }

    private static String lookup(Locale locale, String key) {
        try {
            return ResourceBundle.getBundle("messages.msg", Locale.forLanguageTag(locale.getLanguage()), NO_SYSTEM_FALLBACK)
                    .getString(key);
        } catch (MissingResourceException missing) {
            return null;
        }
    }

    /** The text of {@code prefix.value}, e.g. {@code {m:of('audience', likeness.audience)}}. */
    @TemplateExtension(namespace = "m")
    static String of(@TemplateExtension.TemplateAttribute("locale") Object locale, String prefix, Object value) {
        return text(locale instanceof Locale l ? l : Locale.ENGLISH, prefix + "." + value);
    }

    /** A date and time in the reader's language, e.g. "5 Dec 2026, 15:50". */
    @TemplateExtension(namespace = "m")
    static String when(@TemplateExtension.TemplateAttribute("locale") Object locale, java.time.temporal.TemporalAccessor time) {
        if (time == null) {
            return "";
        }
        return java.time.format.DateTimeFormatter.ofLocalizedDateTime(java.time.format.FormatStyle.MEDIUM, java.time.format.FormatStyle.SHORT)
                .withLocale(locale instanceof Locale l ? l : Locale.ENGLISH)
                .withZone(java.time.ZoneOffset.UTC).format(time);
    }

    /** Template side: {@code {m:t('key', arg...)}} in the page's locale (its {@code locale} attribute). */
    @TemplateExtension(namespace = "m")
    static String t(@TemplateExtension.TemplateAttribute("locale") Object locale, String key, Object... args) {
        return text(locale instanceof Locale l ? l : Locale.ENGLISH, key, args);
    }
}
