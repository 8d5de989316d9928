package dev.likeness.console.pages;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

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

    /** What home shows of a likeness besides its state: the requests to answer and this week's drafts. */
    private record Activity(List<ConsentApi.AccessRequest> pending, List<ConsentApi.Draft> drafts) {
        static final Activity NONE = new Activity(List.of(), List.of());
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
        var unread = pages.async(() -> notifications.inbox(5, null, null, true, false, language.tag()).items());
        var likeness = pages.async(pages::likeness);
        // The activity is asked for the likeness the ID token names, beside the likeness itself rather
        // than after it; used only when consent-service's answer is that same likeness.
        Optional<UUID> hint = session.likenessHint();
        Optional<CompletableFuture<Activity>> early = hint.map(id -> pages.async(() -> activity(id)).exceptionally(failed -> null));
        Optional<ConsentApi.Likeness> known = Pages.join(likeness);
        Activity activity = known.map(l -> early.filter(e -> hint.get().equals(l.id())).map(Pages::join)
                        .orElseGet(() -> activity(l.id())))
                .orElse(Activity.NONE);
        return pages.render(home, "home")
                .data("enrolled", enrolled(known).orElse(null))
                .data("likeness", known.orElse(null))
                .data("pending", activity.pending())
                .data("drafts", activity.drafts())
                .data("alerts", Pages.join(unread));
    }

    /**
     * The likeness' state: consent-service's copy while it is verified; identity-service, which decides it,
     * when the copy is not there yet (just enrolled, or never) or suspended (the reason is kept there).
     */
    private Optional<IdentityApi.Likeness> enrolled(Optional<ConsentApi.Likeness> known) {
        return known.filter(l -> "VERIFIED".equals(l.status()))
                .map(l -> new IdentityApi.Likeness(l.id(), l.ownerId(), l.status(), null, l.verifiedAt(), null, null, null))
                .or(() -> identity.likenesses().stream().findFirst());
    }

    private Activity activity(UUID likeness) {
        var pending = pages.async(() -> consent.accessRequestsTo(likeness, "PENDING"));
        OffsetDateTime weekAgo = OffsetDateTime.now().minusDays(7);
        List<ConsentApi.Draft> drafts = consent.draftsFeaturing(likeness, null, 20).drafts().stream()
                .filter(d -> d.createdAt().isAfter(weekAgo)).toList();
        return new Activity(Pages.join(pending), drafts);
    }
}
