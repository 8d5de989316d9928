package dev.likeness.console.services;

import java.util.List;

/**
 * A service's {@code application/problem+json} answer (RFC 9457), kept whole so pages can show its
 * title and detail, or their translation by {@code code}.
 */
public class ServiceProblem extends RuntimeException {

    public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {
    }

    public record FieldError(String field, String message) {
    }

    private final Problem problem;
    private final String retryAfter;

    public ServiceProblem(Problem problem, String retryAfter) {
        super(problem.status() + " " + problem.code() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    public String code() {
        return problem.code() == null ? "status-" + problem.status() : problem.code();
    }

    /** Seconds, as the service's Retry-After said; null when it said nothing. */
    public String retryAfter() {
        return retryAfter;
    }
}
