package dev.likeness.notification.inbox;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.likeness.kit.http.Problem;
import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.http.Roles;
import dev.likeness.notification.directory.DisplayNames;
import io.smallrye.mutiny.Uni;

/** A person's own inbox; another person's notification answers 404. */
@Path("/v1/notifications")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inbox")
public class NotificationResource {

    /** A boolean parameter is spelled true or false: JAX-RS would read any other word as false. */
    private static final String BOOLEAN = "true|false";

    @Inject Notifications notifications;
    @Inject NotificationTexts texts;
    @Inject DisplayNames names;
    @Inject JsonWebToken caller;

    public record UnreadCount(long unread) {
    }

    public record Updated(int updated) {
    }

    @GET
    @Operation(operationId = "listNotifications", summary = "The caller's notifications, newest first, a page at a time",
            description = "Texts are in the first language of Accept-Language that has them (English otherwise). "
                    + "Pages are stable while new notifications arrive: nextCursor continues after the last item.")
    public Uni<InboxPage> inbox(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                @QueryParam("cursor") String cursor,
                                @QueryParam("type") List<String> types,
                                @QueryParam("unread") @DefaultValue("false") @Pattern(regexp = BOOLEAN) @Parameter(schema = @Schema(type = SchemaType.BOOLEAN))
                                String unread,
                                @QueryParam("archived") @DefaultValue("false") @Pattern(regexp = BOOLEAN) @Parameter(schema = @Schema(type = SchemaType.BOOLEAN))
                                String archived,
                                @Context HttpHeaders headers) {
        InboxCursor before = cursor == null ? null : InboxCursor.decode(cursor);
        InboxFilter filter = new InboxFilter(types(types), Boolean.parseBoolean(archived), Boolean.parseBoolean(unread));
        Locale locale = texts.locale(headers.getAcceptableLanguages());
        return notifications.inbox(caller.getSubject(), filter, before, limit + 1)
                .chain(found -> render(found, locale).map(items -> {
                    List<NotificationView> page = items.subList(0, Math.min(limit, items.size()));
                    String next = found.size() > limit ? new InboxCursor(found.get(limit - 1).seq).encode() : null;
                    return new InboxPage(page, next);
                }));
    }

    @GET
    @Path("/unread-count")
    @Operation(operationId = "countUnread", summary = "How many notifications in the inbox are unread (archived ones excluded)")
    public Uni<UnreadCount> unread(@QueryParam("type") List<String> types) {
        return notifications.count(caller.getSubject(), new InboxFilter(types(types), false, true)).map(UnreadCount::new);
    }

    @PUT
    @Path("/{id}/read")
    @Operation(operationId = "markRead", summary = "Mark one notification read")
    public Uni<Void> markRead(@PathParam("id") UUID id) {
        return notifications.markRead(caller.getSubject(), id, true);
    }

    @DELETE
    @Path("/{id}/read")
    @Operation(operationId = "markUnread", summary = "Mark one notification unread again")
    public Uni<Void> markUnread(@PathParam("id") UUID id) {
        return notifications.markRead(caller.getSubject(), id, false);
    }

    @POST
    @Path("/read")
    @Operation(operationId = "markAllRead", summary = "Mark every unread notification of the inbox read (optionally of some types)")
    public Uni<Updated> markAllRead(@QueryParam("type") List<String> types) {
        return notifications.markAllRead(caller.getSubject(), types(types)).map(Updated::new);
    }

    @PUT
    @Path("/{id}/archived")
    @Operation(operationId = "archive", summary = "Archive one notification: it leaves the inbox and the unread count")
    public Uni<Void> archive(@PathParam("id") UUID id) {
        return notifications.archive(caller.getSubject(), id, true);
    }

    @DELETE
    @Path("/{id}/archived")
    @Operation(operationId = "unarchive", summary = "Bring an archived notification back to the inbox")
    public Uni<Void> unarchive(@PathParam("id") UUID id) {
        return notifications.archive(caller.getSubject(), id, false);
    }

    private Uni<List<NotificationView>> render(List<Notification> found, Locale locale) {
        return Uni.createFrom().completionStage(names.of(found.stream().map(n -> n.actorId).toList()))
                .map(known -> found.stream().map(n -> NotificationView.of(n, texts.render(n, known.get(n.actorId), locale))).toList());
    }

    static Set<NotificationType> types(List<String> keys) {
        Set<NotificationType> types = EnumSet.noneOf(NotificationType.class);
        for (String key : keys) {
            types.add(NotificationType.byKey(key).orElseThrow(() -> new ProblemException(400, "validation-failed",
                    "Request validation failed", "type: unknown notification type '" + key + "'",
                    List.of(new Problem.FieldError("type", "unknown notification type '" + key + "'")))));
        }
        return types;
    }
}
