package dev.likeness.console.pages;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A form's answer that is a page rather than a redirect (the service's problem, a secret shown
 * once) stays at the address of the page the form was on: htmx would otherwise put the form's
 * POST address in the history, which a reload could not open.
 */
public class FormAnswers {

    @ServerResponseFilter
    public void stayOnThePage(ContainerRequestContext request, ContainerResponseContext response) {
        if ("POST".equals(request.getMethod()) && response.getStatus() / 100 != 3) {
            response.getHeaders().putSingle("HX-Push-Url", "false");
        }
    }
}
