package dev.likeness.console.pages;

import java.net.URI;

import jakarta.ws.rs.core.Response;

/** After a change, the page shows the result (POST-redirect-GET), with a note of what was done. */
final class Redirects {

    private Redirects() {
    }

    /** 303 to a path of this console only: the target is never taken from the request, so no open redirect. */
    static Response seeOther(String path, String done) {
        if (!path.startsWith("/") || path.startsWith("//")) {
            throw new IllegalArgumentException("not a local path: " + path);
        }
        String target = done == null ? path : path + (path.contains("?") ? "&" : "?") + "done=" + done;
        return Response.seeOther(URI.create(target)).build();
    }
}
