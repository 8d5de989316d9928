package dev.likeness.kit.http;

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

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        // quarkus-oidc fails with an unexpected exception on some malformed tokens, e.g. "..".
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && !isCompactJws(authorization.substring(7).strip())) {
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

    /**
     * Three base64url parts, the last possibly empty (alg none is refused later, by the token's
     * verification). A scan, not a regular expression: it runs on every request.
     */
    static boolean isCompactJws(String token) {
        int dots = 0;
        int partLength = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (partLength == 0 || ++dots > 2) {
                    return false;
                }
                partLength = 0;
            } else if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
                partLength++;
            } else {
                return false;
            }
        }
        return dots == 2;
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return length != null && !length.strip().equals("0") || request.getHeaderString("Transfer-Encoding") != null;
    }

    private static ProblemException unsupported(String detail) {
        return new ProblemException(415, "unsupported-media-type", "Unsupported Media Type", detail);
    }
}
