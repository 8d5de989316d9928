package dev.likeness.console.pages;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

import dev.likeness.console.services.IdentityApi;
import dev.likeness.console.services.ServiceProblem;
import io.quarkus.qute.Template;

/**
 * "Erase my account" (GDPR Art. 17): what erasing does and keeps, the download offered first, and a
 * confirmation by typing one's user name. identity-service does the erasure; the console then signs
 * the person out and says that it is under way.
 */
@Path("/settings/erasure")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class ErasurePage {

    private final Template erasure;
    private final Pages pages;
    private final IdentityApi identity;
    private final Session session;

    ErasurePage(Template erasure, Pages pages, @RestClient IdentityApi identity, Session session) {
        this.erasure = erasure;
        this.pages = pages;
        this.identity = identity;
        this.session = session;
    }

    @GET
    public Response get() {
        return page(null, 200, false);
    }

    /** Only the user name exactly as typed: erasing cannot be undone, so nothing near it is taken for it. */
    @POST
    public Response erase(@RestForm String confirmation) {
        if (confirmation == null || !confirmation.equals(session.username())) {
            return page(pages.problem(Problems.local(400, "confirm-erasure")), 400, true);
        }
        try {
            identity.erase();
        } catch (ServiceProblem problem) {
            return page(pages.problem(problem), problem.status(), false);
        }
        return AccountActions.signOutAfterErasure();
    }

    private Response page(ProblemView problem, int status, boolean mismatch) {
        return new Shown(pages.render(erasure, "settings"), status)
                .data("problem", problem)
                .data("mismatch", mismatch)
                .ok();
    }
}
