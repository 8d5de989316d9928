package dev.likeness.console.pages;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.likeness.console.services.ServiceProblem;
import io.quarkus.qute.Template;

/**
 * A service's problem that no page handled shows as a page in the person's language with the
 * service's status (a likeness that is not theirs: "not found"); an unreachable service as 503.
 * Never a stack trace.
 */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    private final Template error;
    private final Pages pages;

    ErrorPages(Template error, Pages pages) {
        this.error = error;
        this.pages = pages;
    }

    @ServerExceptionMapper
    public Response problem(ServiceProblem problem) {
        return page(pages.problem(problem), problem.status() >= 400 ? problem.status() : 502);
    }

    @ServerExceptionMapper
    public Response unreachable(ProcessingException unreachable) {
        LOG.warnf("a service did not answer: %s", unreachable.getMessage());
        return page(pages.problem(Problems.local(503, "unavailable")), 503);
    }

    private Response page(ProblemView problem, int status) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(pages.render(error, "").data("problem", problem)).build();
    }
}
