package dev.likeness.console.pages;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.likeness.console.i18n.Language;
import dev.likeness.console.services.ConsentApi;
import dev.likeness.console.services.IdentityApi;
import dev.likeness.console.services.NotificationApi;
import io.quarkus.qute.Template;

/** Home: the likeness' state and what to do next; unread alerts, pending requests, this week's drafts. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomePage {

    private final Template home;
    private final Pages pages;
    private final IdentityApi identity;
    private final ConsentApi consent;
    private final NotificationApi notifications;
    private final Language language;
    private final Session session;

    HomePage(Template home, Pages pages, @RestClient IdentityApi identity, @RestClient ConsentApi consent,
             @RestClient NotificationApi notifications, Language language, Session session) {
        this.session = session;
        this.home = home;
        this.pages = pages;
        this.identity = identity;
        this.consent = consent;
        this.notifications = notifications;
        this.language = language;
    }

    @GET
    public Object get() {
        if (!session.person()) {
            // Staff without a likeness of their own: their work is the trust and safety page.
            if (session.trustSafety()) {
                return Redirects.seeOther("/trust", null);
            }
            throw Problems.local(403, "forbidden");
        }
        pages.askUnread();
        var enrolled = pages.async(() -> identity.likenesses().stream().findFirst());
        var unread = pages.async(() -> notifications.inbox(5, null, null, true, false, language.tag()).items());
        Optional<ConsentApi.Likeness> likeness = pages.likeness();
        var pending = pages.async(() -> likeness.map(l -> consent.accessRequestsTo(l.id(), "PENDING")).orElse(List.of()));
        OffsetDateTime weekAgo = OffsetDateTime.now().minusDays(7);
        List<ConsentApi.Draft> drafts = likeness
                .map(l -> consent.draftsFeaturing(l.id(), null, 20).drafts().stream()
                        .filter(d -> d.createdAt().isAfter(weekAgo)).toList())
                .orElse(List.of());
        return pages.render(home, "home")
                .data("enrolled", Pages.join(enrolled).orElse(null))
                .data("likeness", likeness.orElse(null))
                .data("pending", Pages.join(pending))
                .data("drafts", drafts)
                .data("alerts", Pages.join(unread));
    }
}
