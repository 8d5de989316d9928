package dev.likeness.console.pages;

import java.util.List;

/**
 * A service's problem as a person reads it: title and detail in their language when the
 * console has a text for its code, else the service's own words; when to try again, if said.
 */
public record ProblemView(int status, String code, String title, String detail, List<String> fields,
                          Long retryAfterMinutes) {
}
