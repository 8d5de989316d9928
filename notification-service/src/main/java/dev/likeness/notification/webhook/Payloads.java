package dev.likeness.notification.webhook;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
import io.smallrye.mutiny.Uni;

/** Standard Webhooks bodies: {@code {"type", "timestamp", "data"}}, data being the notification as the inbox shows it. */
@ApplicationScoped
public class Payloads {

    @Inject ObjectMapper json;
    @Inject NotificationTexts texts;
    @Inject DisplayNames names;
    @Inject WebhookConfig config;

    /**
     * Never blocks: the actor's name comes from Keycloak through the cache, and one not known
     * within {@code name-timeout} is left out (the text says "Someone"), as when Keycloak is down.
     */
    Uni<String> render(Notification notification, String language) {
        Locale locale = texts.locale(List.of(Locale.forLanguageTag(language)));
        return Uni.createFrom().completionStage(names.of(Collections.singleton(notification.actorId)))
                .ifNoItem().after(config.nameTimeout()).recoverWithItem(Collections.emptyMap())
                .map(known -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("type", notification.type.key());
                    body.put("timestamp", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(notification.createdAt.withOffsetSameInstant(ZoneOffset.UTC)));
                    body.put("data", NotificationView.of(notification, texts.render(notification, known.get(notification.actorId), locale)));
                    try {
                        return json.writeValueAsString(body);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }
}
