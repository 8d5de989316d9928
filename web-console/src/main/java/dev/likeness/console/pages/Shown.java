package dev.likeness.console.pages;

import jakarta.ws.rs.core.Response;

import io.quarkus.qute.TemplateInstance;

/** A page about to be shown with a status other than 200, e.g. a form re-shown with the service's problem. */
record Shown(TemplateInstance page, int status) {

    Shown data(String key, Object value) {
        page.data(key, value);
        return this;
    }

    Response ok() {
        return Response.status(status).type(jakarta.ws.rs.core.MediaType.TEXT_HTML_TYPE).entity(page).build();
    }
}
