package dev.likeness.kit.http;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.likeness.kit.Failures;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one place that turns failures into {@code application/problem+json} (RFC 9457). Details
 * name the offending field or rule, never a class, a stack trace or an SQL statement.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** RFC 6750: a bearer challenge on every 401. */
    private static final String CHALLENGE = "Bearer realm=\"likeness\"";

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = respond(e.status(), e.code(), e.title(), e.getMessage(), uri, e.errors());
        if (e.retryAfter() == null) {
            return response;
        }
        // Whole seconds (RFC 9110), rounded up so a client that waits them is never early.
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds)).build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        if (e.getConstraintViolations().stream().anyMatch(ProblemMapper::isReturnValue)) {
            return unexpected(e, uri);
        }
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).reduce((a, b) -> a + "; " + b).orElse("");
        return respond(400, "validation-failed", "Request validation failed", detail, uri, errors);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return invalidBody(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
        return challenge(uri, "The bearer token is missing, expired or invalid");
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return challenge(uri, "A bearer token is required");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, "forbidden", "Forbidden", "The token's roles do not allow this operation", uri, null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status == 400) {
            JsonMappingException mapping = cause(e, JsonMappingException.class);
            if (mapping != null) {
                return invalidBody(mapping, uri);
            }
            if (cause(e, JacksonException.class) != null) {
                return respond(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON", uri, null);
            }
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        String code = title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        String detail = switch (status) {
            case 404 -> "No resource at this path";
            case 405 -> "This path does not accept the method used";
            case 406 -> "No representation matches the Accept header";
            case 415 -> "Unsupported Content-Type";
            default -> title;
        };
        return respond(status, code, title, detail, uri, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (Failures.isRefusedValue(e)) {
            return respond(400, "invalid-value", "Invalid value", "A value of the request cannot be stored (e.g. a NUL character)",
                    uri, null);
        }
        if (Failures.isOverload(e)) { // shed at once: waiting would only lengthen the queue
            Response response = respond(503, "unavailable", "Service unavailable",
                    "Every database connection is busy and the wait queue is full; retry in a moment", uri, null);
            return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, "1").build();
        }
        if (Failures.isTransient(e)) {
            LOG.warnf("request to %s failed on an unavailable dependency: %s", uri.getPath(), e.toString());
            Response response = respond(503, "unavailable", "Service unavailable",
                    "A dependency of this service is unavailable; retry later", uri, null);
            return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, "5").build();
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure %s on %s", reference, uri.getPath());
        return respond(500, "internal-error", "Internal error", "Unexpected failure, reference " + reference, uri, null);
    }

    /** Well-formed JSON that does not fit the request's schema: name the field and what it takes. */
    private static Response invalidBody(JsonMappingException e, UriInfo uri) {
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body");
        String expected;
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            expected = "expected " + describe(mismatch.getTargetType());
        } else if (e.getCause() instanceof IllegalArgumentException rule && rule.getMessage() != null) {
            expected = "expected " + rule.getMessage();
        } else {
            expected = "invalid value";
        }
        return respond(400, "invalid-body", "Request body does not match the schema", field + ": " + expected, uri,
                List.of(new Problem.FieldError(field, expected)));
    }

    private Response challenge(UriInfo uri, String detail) {
        Response response = respond(401, "unauthorized", "Unauthorized", detail, uri, null);
        return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
    }

    private static Response respond(int status, String code, String title, String detail, UriInfo uri,
                                    List<Problem.FieldError> errors) {
        // The path as received (percent-encoded): decoded, it may hold spaces or NUL, which no URI may.
        URI instance = URI.create(uri.getRequestUri().getRawPath());
        Problem problem = new Problem(Problem.type(code), title, status, detail, instance, code, errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static boolean isReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /** {@code create.arg1.purposes[0]} → {@code purposes[0]}: the path inside the request. */
    private static String field(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
                continue;
            }
            if (field.length() > 0 && node.getName() != null) {
                field.append('.');
            }
            field.append(node.getName() == null ? "" : node.getName());
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
        }
        if (field.length() == 0) {
            for (Path.Node node : path) {
                field.setLength(0);
                field.append(node.getName());
            }
        }
        return field.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(ProblemMapper::jsonName).toList();
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an RFC 3339 date-time";
        }
        return "an object";
    }

    /** An enum constant as JSON writes it: its {@link JsonValue} (e.g. a {@link Codes code}), else its name. */
    private static String jsonName(Object constant) {
        for (Method method : constant.getClass().getMethods()) {
            if (method.isAnnotationPresent(JsonValue.class) && method.getParameterCount() == 0) {
                try {
                    return String.valueOf(method.invoke(constant));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return ((Enum<?>) constant).name();
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
