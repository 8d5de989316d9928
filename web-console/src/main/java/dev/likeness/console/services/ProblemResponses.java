package dev.likeness.console.services;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** Turns every error answer of a service into a {@link ServiceProblem}, problem+json or not. */
public class ProblemResponses implements ResponseExceptionMapper<ServiceProblem> {

    @Override
    public ServiceProblem toThrowable(Response response) {
        ServiceProblem.Problem problem = null;
        String type = response.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (response.hasEntity() && type != null && type.contains("json")) {
            try {
                problem = response.readEntity(ServiceProblem.Problem.class);
            } catch (RuntimeException unreadable) {
                // fall back to the status alone
            }
        }
        if (problem == null || problem.status() == 0) {
            problem = new ServiceProblem.Problem(null, response.getStatusInfo().getReasonPhrase(), response.getStatus(),
                    null, null, null);
        }
        return new ServiceProblem(problem, response.getHeaderString(HttpHeaders.RETRY_AFTER));
    }
}
