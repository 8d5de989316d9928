package dev.likeness.notification.erasure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.likeness.kit.erasure.ErasedPersons;
import dev.likeness.notification.directory.DisplayNames;
import dev.likeness.notification.inbox.Notifications;
import dev.likeness.notification.preference.Preferences;
import dev.likeness.notification.webhook.Webhooks;
import io.smallrye.mutiny.Uni;

/**
 * What this service forgets of a person erased at identity-service (README "Erasure"), in the
 * transaction that records the event: a redelivery changes nothing, and a second erasure finds
 * nothing left. The person is recorded in the kit's ErasedPersons, so that an event about them
 * that arrives later stores nothing of them (Notifications.keep).
 */
@ApplicationScoped
public class Erasure {

    @Inject ErasedPersons erasedPersons;
    @Inject Notifications notifications;
    @Inject Preferences preferences;
    @Inject Webhooks webhooks;
    @Inject DisplayNames names;

    public Uni<Void> erase(PersonErased event) {
        String person = event.personId();
        return notifications.holdWhileErasing()
                .chain(() -> erasedPersons.record(person))
                // First: the deliveries naming them are found through the notifications they acted in.
                .chain(() -> webhooks.erase(person))
                .chain(() -> notifications.erase(person))
                .chain(() -> preferences.erase(person))
                .invoke(() -> names.forget(person));
    }
}
