package dev.likeness.console.pages;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

/**
 * Who may feature me: audience, forbidden content and guidelines, grants (given by user name),
 * revocation, blocks and access requests. Every rule (teen accounts, validation, ownership) is
 * consent-service's; a likeness that is not the person's own is "not found" there and here.
 */
@Path("/sharing")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class SharingPage {

    static final List<String> AUDIENCES = List.of("ONLY_ME", "APPROVED", "MUTUALS", "EVERYONE");
    static final List<String> PURPOSES = List.of("draft", "publish", "remix");
    static final List<String> TAGS = List.of("political", "sexual", "nudity", "violence", "endorsement", "minors-nearby",
            "religious", "medical", "substances", "mockery");

    private final Template sharing;
    private final Pages pages;
    private final ConsentApi consent;
    private final People people;

    SharingPage(Template sharing, Pages pages, @RestClient ConsentApi consent, People people) {
        this.sharing = sharing;
        this.pages = pages;
        this.consent = consent;
        this.people = people;
    }

    @GET
    public Response get(@RestQuery String done) {
        return page(null, 200, done);
    }

    @POST
    @Path("{likeness}/audience")
    public Response audience(@PathParam("likeness") UUID likeness, @RestForm String audience) {
        return change(() -> consent.setAudience(likeness, new ConsentApi.AudienceChange(audience)), "audience");
    }

    @POST
    @Path("{likeness}/restrictions")
    public Response restrictions(@PathParam("likeness") UUID likeness, @RestForm("tag") List<String> tags,
                                 @RestForm String guidelines) {
        return change(() -> consent.setRestrictions(likeness, new ConsentApi.Restrictions(Set.copyOf(tags),
                blankToNull(guidelines))), "restrictions");
    }

    @POST
    @Path("{likeness}/grants")
    public Response grant(@PathParam("likeness") UUID likeness, @RestForm String username,
                          @RestForm("purpose") List<String> purposes, @RestForm String expires, @RestForm String maxUses) {
        return change(() -> consent.grant(likeness, new ConsentApi.NewGrant(personId(username), Set.copyOf(purposes),
                endOfDay(expires), positive(maxUses))), "granted");
    }

    @POST
    @Path("{likeness}/grants/{grant}/revocation")
    public Response revoke(@PathParam("likeness") UUID likeness, @PathParam("grant") UUID grant) {
        return change(() -> consent.revoke(likeness, grant), "revoked");
    }

    @POST
    @Path("{likeness}/grants/revocation")
    public Response revokeAll(@PathParam("likeness") UUID likeness, @RestForm String confirm) {
        if (!"yes".equals(confirm)) {
            return page(pages.problem(Problems.local(400, "confirm-revoke-all")), 400, null);
        }
        return change(() -> consent.revokeAll(likeness), "revoked-all");
    }

    @POST
    @Path("{likeness}/blocks")
    public Response block(@PathParam("likeness") UUID likeness, @RestForm String username) {
        return change(() -> consent.block(likeness, personId(username)), "blocked");
    }

    @POST
    @Path("{likeness}/blocks/{person}/removal")
    public Response unblock(@PathParam("likeness") UUID likeness, @PathParam("person") String person) {
        return change(() -> {
            consent.unblock(likeness, person);
        }, "unblocked");
    }

    @POST
    @Path("{likeness}/requests/{request}/approval")
    public Response approve(@PathParam("likeness") UUID likeness, @PathParam("request") UUID request) {
        return change(() -> consent.approve(likeness, request, new ConsentApi.Approval(null, null, null)), "approved");
    }

    @POST
    @Path("{likeness}/requests/{request}/denial")
    public Response deny(@PathParam("likeness") UUID likeness, @PathParam("request") UUID request) {
        return change(() -> consent.deny(likeness, request), "denied");
    }

    private Response change(Runnable call, String done) {
        return pages.change(call, "/sharing", done, (problem, status) -> page(problem, status, null));
    }

    private Response page(ProblemView problem, int status, String done) {
        pages.askUnread();
        ConsentApi.Likeness likeness = pages.likeness().orElse(null);
        var grants = likeness == null ? null : pages.async(() -> consent.grants(likeness.id()));
        var blocks = likeness == null ? null : pages.async(() -> consent.blocks(likeness.id()));
        var requests = likeness == null ? null : pages.async(() -> consent.accessRequestsTo(likeness.id(), "PENDING"));
        Shown shown = new Shown(pages.render(sharing, "sharing"), status)
                .data("likeness", likeness)
                .data("problem", problem)
                .data("done", done)
                .data("audiences", AUDIENCES)
                .data("purposes", PURPOSES)
                .data("tags", TAGS);
        if (likeness != null) {
            shown.data("grants", Pages.join(grants))
                    .data("blocks", Pages.join(blocks))
                    .data("requests", Pages.join(requests));
        }
        return shown.ok();
    }

    /** The Keycloak subject of the person with this user name; an unknown name is the service's own 422. */
    private String personId(String username) {
        return people.byUsername(username).map(People.Person::id)
                .orElseThrow(() -> Problems.local(422, "unknown-person"));
    }

    static OffsetDateTime endOfDay(String date) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(date).plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            throw Problems.local(400, "bad-date");
        }
    }

    static Integer positive(String number) {
        if (number == null || number.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(number.strip());
        } catch (NumberFormatException e) {
            throw Problems.local(400, "bad-number");
        }
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
