package dev.likeness.identity.common;

import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.AuthenticationFailedException;

/**
 * What every request must be before routing: a bearer token shaped like a JWS, a body with a
 * Content-Type that is a media type. Read from the raw headers, so a malformed one is refused here
 * rather than failing whatever parses it later (a 500).
 */
public class RequestRules {

    /** Three base64url parts, the last possibly empty (alg none is refused later, by the token's verification). */
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        // quarkus-oidc fails with an unexpected exception on some malformed tokens, e.g. "..".
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && !COMPACT_JWS.matcher(authorization.substring(7).strip()).matches()) {
            throw new AuthenticationFailedException("the bearer token is not a compact JWS");
        }
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (type == null && hasBody(request)) {
            throw unsupported("A request body needs a Content-Type");
        }
        if (type != null) {
            try {
                MediaType.valueOf(type);
            } catch (IllegalArgumentException e) {
                throw unsupported("The Content-Type is not a media type");
            }
        }
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return length != null && !length.strip().equals("0") || request.getHeaderString("Transfer-Encoding") != null;
    }

    private static ProblemException unsupported(String detail) {
        return new ProblemException(415, "unsupported-media-type", "Unsupported Media Type", detail);
    }
}
