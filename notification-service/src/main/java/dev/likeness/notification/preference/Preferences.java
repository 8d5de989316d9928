package dev.likeness.notification.preference;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.likeness.kit.http.ProblemException;
import dev.likeness.notification.inbox.NotificationType;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Per person and type, the channels that stay on. Critical types cannot be switched off anywhere. */
@ApplicationScoped
public class Preferences implements PanacheRepositoryBase<Preference, Preference.Key> {

    @Inject Clock clock;

    /** Inside the caller's session. */
    public Uni<Channels> channels(String recipientId, NotificationType type) {
        if (type.critical()) {
            return Uni.createFrom().item(Channels.ALL);
        }
        return findById(new Preference.Key(recipientId, type))
                .map(found -> found == null ? Channels.ALL : new Channels(found.inbox, found.stream, found.webhook));
    }

    @WithSession
    public Uni<List<PreferenceView>> all(String recipientId) {
        return exported(recipientId)
                .map(types -> types.stream().map(p -> new PreferenceView(p.type(), p.critical(), p.channels())).toList());
    }

    /** Every type with the channels it reaches, and when the person chose them: for their export (and {@link #all}). */
    @WithSession
    public Uni<List<ExportedPreference>> exported(String recipientId) {
        return list("recipientId", recipientId).map(saved -> {
            Map<NotificationType, Preference> byType = saved.stream()
                    .collect(Collectors.toMap(p -> p.type, Function.identity()));
            return Arrays.stream(NotificationType.values()).map(type -> {
                Preference p = byType.get(type);
                return new ExportedPreference(type, type.critical(),
                        p == null || type.critical() ? Channels.ALL : new Channels(p.inbox, p.stream, p.webhook),
                        p == null ? null : p.updatedAt);
            }).toList();
        });
    }

    /** In the erasure's transaction: the person's choices go. */
    public Uni<Void> erase(String personId) {
        return delete("recipientId", personId).replaceWithVoid();
    }

    @WithTransaction
    public Uni<PreferenceView> set(String recipientId, NotificationType type, Channels channels) {
        if (type.critical() && !channels.all()) {
            return Uni.createFrom().failure(new ProblemException(422, "critical-notification",
                    "Critical notifications cannot be switched off",
                    "'" + type.key() + "' is critical: it always reaches the inbox, the live stream and subscribed webhooks"));
        }
        return findById(new Preference.Key(recipientId, type)).chain(found -> {
            Preference preference = found == null ? new Preference() : found;
            preference.recipientId = recipientId;
            preference.type = type;
            preference.inbox = channels.inbox();
            preference.stream = channels.stream();
            preference.webhook = channels.webhook();
            preference.updatedAt = OffsetDateTime.now(clock);
            return found == null ? persist(preference) : Uni.createFrom().item(preference);
        }).map(saved -> new PreferenceView(type, type.critical(), channels));
    }
}
