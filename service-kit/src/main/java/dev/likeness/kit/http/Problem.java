package dev.likeness.kit.http;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}. {@code code} is a
 * stable machine-readable name (also the last segment of {@code type}); {@code errors} lists
 * each invalid field of a rejected request. Its OpenAPI schema is {@link ProblemResponses}'.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, URI instance, String code,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** An invalid field, or a failed check; {@code hint}, where given, a code for what the caller can do about it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message, String hint) {

        public FieldError(String field, String message) {
            this(field, message, null);
        }
    }

    public static URI type(String code) {
        return URI.create("urn:likeness:problem:" + code);
    }
}
