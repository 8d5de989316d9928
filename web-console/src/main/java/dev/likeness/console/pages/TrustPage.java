package dev.likeness.console.pages;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
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
import dev.likeness.console.services.IdentityApi;
import dev.likeness.console.services.ServiceProblem;
import io.quarkus.qute.Template;

/**
 * Trust and safety: look up a likeness, suspend or reinstate it with a reason; the protected-persons
 * registry. The role check here only hides the page: the services refuse anyone else anyway.
 */
@Path("/trust")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@RolesAllowed("trust-safety")
public class TrustPage {

    private final Template trust;
    private final Pages pages;
    private final IdentityApi identity;
    private final ConsentApi consent;

    TrustPage(Template trust, Pages pages, @RestClient IdentityApi identity, @RestClient ConsentApi consent) {
        this.trust = trust;
        this.pages = pages;
        this.identity = identity;
        this.consent = consent;
    }

    @GET
    public Response get(@RestQuery String likeness, @RestQuery String q, @RestQuery String done) {
        IdentityApi.Likeness found = null;
        ProblemView problem = null;
        if (likeness != null && !likeness.isBlank()) {
            try {
                found = identity.likeness(UUID.fromString(likeness.strip()));
            } catch (IllegalArgumentException malformed) {
                problem = pages.problem(Problems.local(404, "not-found"));
            } catch (ServiceProblem notFound) {
                problem = pages.problem(notFound);
            }
        }
        return page(found, q, problem, 200, done);
    }

    @POST
    @Path("likenesses/{id}/suspension")
    public Response suspend(@PathParam("id") UUID id, @RestForm String reason) {
        return change(() -> identity.suspend(id, new IdentityApi.Suspension(reason)), "/trust?likeness=" + id, "suspended");
    }

    @POST
    @Path("likenesses/{id}/reinstatement")
    public Response reinstate(@PathParam("id") UUID id) {
        return change(() -> identity.reinstate(id), "/trust?likeness=" + id, "reinstated");
    }

    @POST
    @Path("protected-persons")
    public Response protect(@RestForm String name, @RestForm String aliases, @RestForm String kind, @RestForm String note) {
        List<String> aliasList = aliases == null || aliases.isBlank() ? List.of()
                : Arrays.stream(aliases.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
        return change(() -> consent.protect(new ConsentApi.NewProtectedPerson(name, aliasList, kind, null,
                SharingPage.blankToNull(note))), "/trust", "protected");
    }

    @POST
    @Path("protected-persons/{id}/removal")
    public Response unprotect(@PathParam("id") UUID id) {
        return change(() -> {
            consent.unprotect(id);
        }, "/trust", "unprotected");
    }

    private Response change(Runnable call, String back, String done) {
        return pages.change(call, back, done, (problem, status) -> page(null, null, problem, status, null));
    }

    private Response page(IdentityApi.Likeness found, String query, ProblemView problem, int status, String done) {
        return new Shown(pages.render(trust, "trust"), status)
                .data("found", found)
                .data("q", query == null ? "" : query)
                .data("protected", consent.protectedPersons(query == null || query.isBlank() ? null : query, 50))
                .data("problem", problem)
                .data("done", done)
                .ok();
    }
}
