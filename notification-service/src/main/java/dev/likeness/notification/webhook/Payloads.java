package dev.likeness.notification.webhook;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.notification.directory.DisplayNames;
import dev.likeness.notification.inbox.Notification;
import dev.likeness.notification.inbox.NotificationTexts;
import dev.likeness.notification.inbox.NotificationView;

/** Standard Webhooks bodies: {@code {"type", "timestamp", "data"}}, data being the notification as the inbox shows it. */
@ApplicationScoped
public class Payloads {

    @Inject ObjectMapper json;
    @Inject NotificationTexts texts;
    @Inject DisplayNames names;

    /** Blocking (display names come from Keycloak). */
    String render(Notification notification, String language) throws JsonProcessingException {
        Locale locale = texts.locale(java.util.List.of(Locale.forLanguageTag(language)));
        String actor = names.of(java.util.Collections.singleton(notification.actorId)).join().get(notification.actorId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", notification.type.key());
        body.put("timestamp", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(notification.createdAt.withOffsetSameInstant(ZoneOffset.UTC)));
        body.put("data", NotificationView.of(notification, texts.render(notification, actor, locale)));
        return json.writeValueAsString(body);
    }
}
