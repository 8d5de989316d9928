package dev.likeness.console.pages;

import java.util.List;
import java.util.Set;
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

import dev.likeness.console.people.People;
import dev.likeness.console.services.ConsentApi;
import io.quarkus.qute.Template;

/** Likenesses I may feature (grants I hold), and asking someone for access by user name. */
@Path("/featuring")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class FeaturingPage {

    private final Template featuring;
    private final Pages pages;
    private final ConsentApi consent;
    private final People people;

    FeaturingPage(Template featuring, Pages pages, @RestClient ConsentApi consent, People people) {
        this.featuring = featuring;
        this.pages = pages;
        this.consent = consent;
        this.people = people;
    }

    @GET
    public Response get(@RestQuery String done) {
        return page(null, 200, done);
    }

    @POST
    @Path("requests")
    public Response ask(@RestForm String username, @RestForm("purpose") List<String> purposes, @RestForm String message) {
        return pages.change(() -> {
            // Whose likeness: the owner's likeness id is on their account (identity-service keeps it there).
            String likeness = people.byUsername(username).map(People.Person::likenessId)
                    .orElseThrow(() -> Problems.local(404, "no-likeness"));
            consent.askAccess(new ConsentApi.NewAccessRequest(UUID.fromString(likeness), Set.copyOf(purposes),
                    SharingPage.blankToNull(message)));
        }, "/featuring", "asked", (problem, status) -> page(problem, status, null));
    }

    @POST
    @Path("requests/{id}/withdrawal")
    public Response withdraw(@PathParam("id") UUID id) {
        return pages.change(() -> consent.withdraw(id), "/featuring", "withdrawn", (problem, status) -> page(problem, status, null));
    }

    private Response page(ProblemView problem, int status, String done) {
        pages.askUnread();
        var held = pages.async(() -> consent.grantsHeld(null, 100).grants());
        var mine = pages.async(() -> consent.myAccessRequests());
        return new Shown(pages.render(featuring, "featuring"), status)
                .data("held", Pages.join(held))
                .data("mine", Pages.join(mine))
                .data("purposes", SharingPage.PURPOSES)
                .data("problem", problem)
                .data("done", done)
                .ok();
    }
}
