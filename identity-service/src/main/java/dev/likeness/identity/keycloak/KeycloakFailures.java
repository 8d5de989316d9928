package dev.likeness.identity.keycloak;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.WebApplicationException;

import io.vertx.core.http.HttpClosedException;

/**
 * Tells a failed Keycloak call worth making again (Keycloak overloaded or restarting: 5xx, 429;
 * no answer: a timeout, a refused, reset or closed connection, a name not resolved) from an
 * answer that will not change (any other 4xx). The admin client wraps network failures, and
 * failures of its token request, in a {@code ProcessingException}: the causes are what count.
 */
final class KeycloakFailures {

    private static final int NOT_FOUND = 404;
    private static final int TOO_MANY_REQUESTS = 429;

    private KeycloakFailures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof WebApplicationException answer) {
                int status = answer.getResponse().getStatus();
                return status >= 500 || status == TOO_MANY_REQUESTS;
            }
            if (cause instanceof SocketException || cause instanceof SocketTimeoutException || cause instanceof TimeoutException
                    || cause instanceof HttpClosedException || cause instanceof ClosedChannelException
                    || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    static boolean isNotFound(WebApplicationException answer) {
        return answer.getResponse().getStatus() == NOT_FOUND;
    }
}
