package dev.likeness.kit.http;

import java.time.Duration;
import java.util.List;

/** A refusal the client can act on: its status, stable code, title and a detail for humans. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Duration retryAfter;

    public ProblemException(int status, String code, String title, String detail) {
        this(status, code, title, detail, null);
    }

    /** With the fields (or checks) that failed, listed in the problem's {@code errors}. */
    public ProblemException(int status, String code, String title, String detail,
                            List<Problem.FieldError> errors) {
        this(status, code, title, detail, errors, null);
    }

    private ProblemException(int status, String code, String title, String detail,
                             List<Problem.FieldError> errors, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = errors;
        this.retryAfter = retryAfter;
    }

    /** The same refusal, lifted after {@code wait}: answered with a Retry-After header. */
    public ProblemException retryAfter(Duration wait) {
        return new ProblemException(status, code, title, getMessage(), errors, wait);
    }

    /** 503 for what may succeed later: the caller is to try again once {@code wait} has passed. */
    public static ProblemException unavailable(String detail, Duration wait) {
        return new ProblemException(503, "unavailable", "Service unavailable", detail).retryAfter(wait);
    }

    /** 404 for a resource that does not exist or that the caller may not know exists. */
    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " does not exist");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    /** Null unless the refusal lifts after a while. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
