package dev.likeness.console.pages;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import dev.likeness.console.i18n.Language;
import dev.likeness.console.services.IdentityApi;
import dev.likeness.console.services.NotificationApi;
import dev.likeness.console.services.ServiceProblem;
import io.quarkus.qute.Template;

/**
 * Settings: which alerts reach which channel (critical ones locked by notification-service),
 * webhooks (the secret shown once), and deleting my likeness with a typed confirmation.
 */
@Path("/settings")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class SettingsPage {

    static final List<String> TYPES = List.of("likeness.verified", "likeness.suspended", "likeness.reinstated",
            "likeness.deleted", "grant.created", "grant.revoked", "access.requested", "access.approved", "access.denied",
            "draft.created", "draft.removal-requested", "webhook.failed");

    private final Template settings;
    private final Template deliveries;
    private final Pages pages;
    private final NotificationApi notifications;
    private final IdentityApi identity;
    private final Session session;
    private final Language language;

    SettingsPage(Template settings, Template deliveries, Pages pages, @RestClient NotificationApi notifications,
                 @RestClient IdentityApi identity, Session session, Language language) {
        this.settings = settings;
        this.deliveries = deliveries;
        this.pages = pages;
        this.notifications = notifications;
        this.identity = identity;
        this.session = session;
        this.language = language;
    }

    @GET
    public Response get(@RestQuery String done) {
        return page(null, 200, done, null);
    }

    @POST
    @Path("preferences/{type}")
    public Response preference(@PathParam("type") String type, @RestForm String inbox, @RestForm String stream,
                               @RestForm String webhook) {
        return change(() -> notifications.setPreference(type,
                new NotificationApi.Channels(inbox != null, stream != null, webhook != null)), "preferences");
    }

    @POST
    @Path("webhooks")
    public Response createWebhook(@RestForm String url, @RestForm String description, @RestForm("type") List<String> types) {
        try {
            NotificationApi.Endpoint created = notifications.createWebhook(new NotificationApi.NewEndpoint(url,
                    SharingPage.blankToNull(description), types, language.tag(), null));
            return page(null, 201, "webhook-created", created);
        } catch (ServiceProblem problem) {
            return page(pages.problem(problem), problem.status(), null, null);
        }
    }

    @POST
    @Path("webhooks/{id}/secret")
    public Response rotate(@PathParam("id") UUID id) {
        try {
            return page(null, 200, "webhook-rotated", notifications.rotateSecret(id));
        } catch (ServiceProblem problem) {
            return page(pages.problem(problem), problem.status(), null, null);
        }
    }

    @POST
    @Path("webhooks/{id}/removal")
    public Response deleteWebhook(@PathParam("id") UUID id) {
        return change(() -> {
            notifications.deleteWebhook(id);
        }, "webhook-deleted");
    }

    @GET
    @Path("webhooks/{id}")
    public Response deliveries(@PathParam("id") UUID id) {
        return new Shown(pages.render(deliveries, "settings"), 200)
                .data("endpoint", notifications.webhooks().stream().filter(e -> e.id().equals(id)).findFirst()
                        .orElseThrow(() -> Problems.local(404, "not-found")))
                .data("deliveries", notifications.deliveries(id, 50))
                .ok();
    }

    /** Deleting is final: the person types their user name, as the page asks, before identity-service is called. */
    @POST
    @Path("likeness/{id}/deletion")
    public Response deleteLikeness(@PathParam("id") UUID id, @RestForm String confirmation) {
        if (confirmation == null || !confirmation.strip().equals(session.username())) {
            return page(pages.problem(Problems.local(400, "confirm-delete")), 400, null, null);
        }
        return change(() -> {
            identity.deleteLikeness(id);
        }, "likeness-deleted");
    }

    private Response change(Runnable call, String done) {
        return pages.change(call, "/settings", done, (problem, status) -> page(problem, status, null, null));
    }

    private Response page(ProblemView problem, int status, String done, NotificationApi.Endpoint withSecret) {
        pages.askUnread();
        var preferences = pages.async(() -> notifications.preferences());
        var webhooks = pages.async(() -> notifications.webhooks());
        var likeness = pages.async(() -> identity.likenesses().stream().findFirst().orElse(null));
        return new Shown(pages.render(settings, "settings"), status)
                .data("preferences", Pages.join(preferences))
                .data("webhooks", Pages.join(webhooks))
                .data("likeness", Pages.join(likeness))
                .data("types", TYPES)
                .data("secret", withSecret)
                .data("problem", problem)
                .data("done", done)
                .ok();
    }
}
