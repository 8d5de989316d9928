package dev.likeness.notification.export;

import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.likeness.kit.export.Exports;
import dev.likeness.kit.http.Roles;
import dev.likeness.notification.export.ExportRecord.Section;
import dev.likeness.notification.inbox.ExportedNotification;
import dev.likeness.notification.inbox.NotificationTexts;
import dev.likeness.notification.inbox.Notifications;
import dev.likeness.notification.preference.Preferences;
import dev.likeness.notification.webhook.ExportedEndpoint;
import dev.likeness.notification.webhook.Webhooks;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A person's export (GDPR Art. 15 and 20): everything this service holds about them, streamed a
 * page at a time as a JSON array of records (see {@link Exports}), each page read in a session of
 * its own.
 */
@Path("/v1/me/export")
@RolesAllowed(Roles.USER)
@Tag(name = "Your data")
public class ExportResource {

    static final int PAGE = 100;

    @Inject Exports exports;
    @Inject Notifications notifications;
    @Inject NotificationTexts texts;
    @Inject Preferences preferences;
    @Inject Webhooks webhooks;
    @Inject JsonWebToken caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exportMyData", summary = "Everything this service holds about the caller, as a JSON array of records",
            description = "First the record about the export, then every notification kept for the caller (read, unread, archived, "
                    + "or kept only for the live stream; oldest first, texts in the first language of Accept-Language that has "
                    + "them, as in the inbox), the preferences of every type, the webhook endpoints without their secrets, then "
                    + "each endpoint's delivery log with every attempt. Not a snapshot: each page is read when the client is ready for "
                    + "it. A document cut short (no closing bracket) failed and is to be asked for again.")
    @APIResponse(responseCode = "200", description = "The caller's records, streamed",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ExportRecord.class)))
    @APIResponse(responseCode = "409", description = "An export of yours is still being sent (export-running)")
    public Multi<ExportRecord> export(@Context HttpHeaders headers) {
        String subject = caller.getSubject();
        Locale locale = texts.locale(headers.getAcceptableLanguages());
        // Few (likeness.webhooks.max-endpoints), read once: listed, then each one's delivery log.
        Uni<List<ExportedEndpoint>> endpoints = Uni.createFrom().deferred(() -> webhooks.exportedEndpoints(subject))
                .memoize().indefinitely();
        return exports.stream(subject, about -> new ExportRecord(Section.ABOUT, about), Multi.createBy().concatenating().streams(
                Exports.paged((Long after) -> notifications.exported(subject, after, PAGE, locale), ExportedNotification::seq)
                        .map(notification -> new ExportRecord(Section.NOTIFICATION, notification)),
                all(Uni.createFrom().deferred(() -> preferences.exported(subject)))
                        .map(preference -> new ExportRecord(Section.PREFERENCE, preference)),
                all(endpoints).map(endpoint -> new ExportRecord(Section.WEBHOOK, endpoint)),
                all(endpoints).onItem().transformToMultiAndConcatenate(endpoint -> deliveries(subject, endpoint))));
    }

    private Multi<ExportRecord> deliveries(String subject, ExportedEndpoint endpoint) {
        return Exports.paged(after -> webhooks.exportedDeliveries(subject, endpoint.id(), after, PAGE), Webhooks::position)
                .map(delivery -> new ExportRecord(Section.DELIVERY, delivery));
    }

    private static <T> Multi<T> all(Uni<List<T>> list) {
        return list.onItem().transformToMulti(items -> Multi.createFrom().iterable(items));
    }
}
