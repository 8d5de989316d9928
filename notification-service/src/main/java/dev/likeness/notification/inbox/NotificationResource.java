package dev.likeness.notification.inbox;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import dev.likeness.notification.common.Roles;
import dev.likeness.notification.directory.Directory;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** A person's own inbox. */
@Path("/v1/notifications")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inbox")
public class NotificationResource {

    private static final Logger LOG = Logger.getLogger(NotificationResource.class);

    private final Notifications notifications;
    private final NotificationTexts texts;
    private final Directory directory;
    private final JsonWebToken caller;

    NotificationResource(Notifications notifications, NotificationTexts texts, Directory directory, JsonWebToken caller) {
        this.notifications = notifications;
        this.texts = texts;
        this.directory = directory;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listNotifications", summary = "The caller's notifications, newest first, a page at a time",
            description = "Texts are in the first language of Accept-Language that has them (English otherwise).")
    public Uni<InboxPage> inbox(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                @QueryParam("cursor") String cursor, @Context HttpHeaders headers) {
        InboxCursor before = cursor == null ? null : InboxCursor.decode(cursor);
        Locale locale = texts.locale(headers.getAcceptableLanguages());
        return notifications.inbox(caller.getSubject(), before, limit + 1)
                .chain(found -> displayNames(found).map(names -> {
                    List<Notification> page = found.subList(0, Math.min(limit, found.size()));
                    List<NotificationView> items = page.stream().map(n -> new NotificationView(n.id, n.type,
                            texts.render(n, names.get(n.actorId), locale), n.actorId, n.likenessId, n.draftId, n.grantId,
                            n.createdAt, n.readAt != null)).toList();
                    String next = found.size() > limit ? InboxCursor.after(page.get(page.size() - 1)).encode() : null;
                    return new InboxPage(items, next);
                }));
    }

    /** Names come from Keycloak (blocking); while it is unreachable, texts say "Someone". */
    private Uni<Map<String, String>> displayNames(List<Notification> found) {
        return Uni.createFrom().item(() -> {
            Map<String, String> names = new HashMap<>();
            found.stream().map(n -> n.actorId).filter(Objects::nonNull).distinct().forEach(actor -> {
                try {
                    names.put(actor, directory.displayName(actor));
                } catch (RuntimeException unavailable) {
                    LOG.warnf("no display name for %s: %s", actor, unavailable.toString());
                }
            });
            return names;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
