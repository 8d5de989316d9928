package dev.likeness.console.pages;

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

import dev.likeness.console.services.ConsentApi;
import io.quarkus.qute.Template;

/** Every draft featuring me, whoever made it, newest first, a page at a time; asking for removal. */
@Path("/drafts")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class DraftsPage {

    static final int PAGE_SIZE = 20;

    private final Template drafts;
    private final Pages pages;
    private final ConsentApi consent;

    DraftsPage(Template drafts, Pages pages, @RestClient ConsentApi consent) {
        this.drafts = drafts;
        this.pages = pages;
        this.consent = consent;
    }

    @GET
    public Response get(@RestQuery String cursor, @RestQuery String done) {
        return page(cursor, null, 200, done);
    }

    @POST
    @Path("{likeness}/{draft}/removal-request")
    public Response askRemoval(@PathParam("likeness") UUID likeness, @PathParam("draft") UUID draft, @RestForm String reason) {
        return pages.change(() -> consent.askRemoval(likeness, draft, new ConsentApi.RemovalReason(SharingPage.blankToNull(reason))),
                "/drafts", "removal-asked", (problem, status) -> page(null, problem, status, null));
    }

    private Response page(String cursor, ProblemView problem, int status, String done) {
        pages.askUnread();
        ConsentApi.Likeness likeness = pages.likeness().orElse(null);
        ConsentApi.DraftPage page = likeness == null ? new ConsentApi.DraftPage(java.util.List.of(), null)
                : consent.draftsFeaturing(likeness.id(), cursor, PAGE_SIZE);
        return new Shown(pages.render(drafts, "drafts"), status)
                .data("likeness", likeness)
                .data("drafts", page.drafts())
                .data("nextCursor", page.nextCursor())
                .data("problem", problem)
                .data("done", done)
                .ok();
    }
}
