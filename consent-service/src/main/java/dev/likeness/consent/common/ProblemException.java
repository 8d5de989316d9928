package dev.likeness.consent.common;

import jakarta.ws.rs.core.Response;

/** A refusal the client can act on: its status, stable code, title and a detail for humans. */
public class ProblemException extends RuntimeException {

    private final Response.StatusType status;
    private final String code;
    private final String title;

    public ProblemException(Response.StatusType status, String code, String title, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
    }

    /** 404 for a resource that does not exist or that the caller may not know exists. */
    public static ProblemException notFound(String what) {
        return new ProblemException(Response.Status.NOT_FOUND, "not-found", "Not found", what + " does not exist");
    }

    public Response.StatusType status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}
