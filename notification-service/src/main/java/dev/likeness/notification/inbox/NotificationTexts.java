package dev.likeness.notification.inbox;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import jakarta.enterprise.context.ApplicationScoped;

/** Notification texts from the {@code messages} resource bundles; English when the language has none. */
@ApplicationScoped
public class NotificationTexts {

    private static final ResourceBundle.Control NO_FALLBACK_TO_SYSTEM_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /** The first of the reader's languages that has texts. */
    public Locale locale(List<Locale> acceptable) {
        for (Locale candidate : acceptable) {
            if (bundle(candidate).getLocale().getLanguage().equals(candidate.getLanguage())) {
                return bundle(candidate).getLocale();
            }
        }
        return Locale.ENGLISH;
    }

    /**
     * {@code actorName} null or blank (Keycloak unreachable, or the name not known in time) says
     * "Someone"; a notification without an actor names the person erased since ({@code erased-person}):
     * every text that names an actor has one unless that person was erased.
     */
    public String render(Notification notification, String actorName, Locale locale) {
        ResourceBundle bundle = bundle(locale);
        String actor = notification.actorId == null ? bundle.getString("erased-person")
                : actorName == null || actorName.isBlank() ? bundle.getString("someone") : actorName;
        String purposes = notification.purposes == null ? "" : notification.purposes.replace(",", ", ");
        String detail = notification.detail == null ? "" : notification.detail;
        return new MessageFormat(bundle.getString(notification.type.key()), locale).format(new Object[] {actor, purposes, detail});
    }

    private static ResourceBundle bundle(Locale locale) {
        try {
            return ResourceBundle.getBundle("messages", locale, NO_FALLBACK_TO_SYSTEM_LOCALE);
        } catch (MissingResourceException e) {
            return ResourceBundle.getBundle("messages", Locale.ROOT, NO_FALLBACK_TO_SYSTEM_LOCALE);
        }
    }
}
