package dev.likeness.kit.http;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}. {@code code} is a
 * stable machine-readable name (also the last segment of {@code type}); {@code errors} lists
 * each invalid field of a rejected request.
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        @Schema(example = "urn:likeness:problem:validation-failed") URI type,
        @Schema(example = "Request validation failed") String title,
        @Schema(example = "400") int status,
        @Schema(example = "purposes: must not be empty") String detail,
        @Schema(example = "/v1/likenesses/5f0c.../grants") URI instance,
        @Schema(example = "validation-failed") String code,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(@Schema(example = "purposes") String field, @Schema(example = "must not be empty") String message) {
    }

    public static URI type(String code) {
        return URI.create("urn:likeness:problem:" + code);
    }
}
