package dev.likeness.notification.export;

import com.fasterxml.jackson.annotation.JsonValue;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.kit.export.ExportAbout;
import dev.likeness.kit.http.Codes;
import dev.likeness.notification.inbox.ExportedNotification;
import dev.likeness.notification.preference.ExportedPreference;
import dev.likeness.notification.webhook.ExportedDelivery;
import dev.likeness.notification.webhook.ExportedEndpoint;

/** One record of a person's export: what it is, and the item itself (the schema its section names). */
@Schema(name = "ExportRecord")
public record ExportRecord(
        Section section,
        @Schema(oneOf = {ExportAbout.class, ExportedNotification.class, ExportedPreference.class, ExportedEndpoint.class,
                ExportedDelivery.class})
        Object item) {

    @Schema(name = "ExportSection")
    public enum Section {
        /** {@code ExportAbout}: which service, whose, when; always the first record. */
        ABOUT,
        /** {@code ExportedNotification}: each notification kept for the person, oldest first. */
        NOTIFICATION,
        /** {@code ExportedPreference}: each notification type with its channels. */
        PREFERENCE,
        /** {@code ExportedEndpoint}: each of the person's webhook endpoints, without its secrets. */
        WEBHOOK,
        /** {@code ExportedDelivery}: each delivery of an endpoint's log, with its attempts, endpoint by endpoint, newest first. */
        DELIVERY;

        @JsonValue
        public String code() {
            return Codes.of(this);
        }
    }
}
