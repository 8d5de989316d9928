package dev.likeness.console.pages;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

import dev.likeness.console.i18n.Language;
import dev.likeness.console.services.NotificationApi;
import dev.likeness.console.services.ServiceProblem;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Multi;

/**
 * The inbox: filter, mark read, archive; and the live stream, relayed from notification-service
 * over the person's session, since a browser's EventSource cannot send a bearer token.
 */
@Path("/alerts")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class AlertsPage {

    static final List<String> SHOWS = List.of("unread", "all", "archived");

    private final Template alerts;
    private final Pages pages;
    private final NotificationApi notifications;
    private final Language language;

    AlertsPage(Template alerts, Pages pages, @RestClient NotificationApi notifications, Language language) {
        this.alerts = alerts;
        this.pages = pages;
        this.notifications = notifications;
        this.language = language;
    }

    @GET
    public Response get(@RestQuery String show, @RestQuery String type, @RestQuery String cursor) {
        pages.askUnread();
        String shown = show != null && SHOWS.contains(show) ? show : "all";
        List<String> types = type == null || type.isBlank() ? null : List.of(type);
        NotificationApi.InboxPage page = notifications.inbox(20, cursor, types,
                "unread".equals(shown) ? Boolean.TRUE : null, "archived".equals(shown), language.tag());
        return new Shown(pages.render(alerts, "alerts"), 200)
                .data("items", page.items())
                .data("nextCursor", page.nextCursor())
                .data("show", shown)
                .data("shows", SHOWS)
                .data("type", type == null ? "" : type)
                .data("types", SettingsPage.TYPES)
                .ok();
    }

    @POST
    @Path("{id}/read")
    public Response read(@PathParam("id") UUID id) {
        notifications.markRead(id);
        return Redirects.seeOther("/alerts", null);
    }

    @POST
    @Path("read")
    public Response readAll() {
        notifications.markAllRead();
        return Redirects.seeOther("/alerts", null);
    }

    @POST
    @Path("{id}/archive")
    public Response archive(@PathParam("id") UUID id) {
        notifications.archive(id);
        return Redirects.seeOther("/alerts", null);
    }

    /**
     * Every alert after {@code Last-Event-ID} (or from now), then live, as JSON the page renders
     * with text nodes. notification-service ends the stream when the access token expires; the
     * browser reconnects by itself with Last-Event-ID, and the session's refreshed token resumes it.
     */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventId, Sse sse) {
        String resumeFrom = lastEventId != null && lastEventId.matches("\\d{1,19}") ? lastEventId : null;
        return notifications.stream(resumeFrom, language.tag())
                .filter(event -> event.data() != null && !event.data().isBlank())
                .map(event -> sse.newEventBuilder().id(event.id()).name("alert").data(event.data())
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).build())
                .onFailure(ServiceProblem.class).recoverWithCompletion();
    }
}
