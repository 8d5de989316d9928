package dev.likeness.kit.http;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A body declared larger than {@code quarkus.http.limits.max-body-size} is refused with a 413
 * problem like every other refusal; Quarkus' own limit, a route at
 * {@link RouteConstants#ROUTE_ORDER_UPLOAD_LIMIT}, answers a bare 413 and this one runs just
 * before it. The body is read and dropped before the answer (up to a few times the limit), so a
 * client still sending it reads the answer instead of a reset connection.
 */
@ApplicationScoped
public class BodyLimit {

    private static final int DRAINED_LIMITS = 4;

    private final long limit;
    private final ObjectMapper json;

    BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, ObjectMapper json) {
        this.limit = limit.asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        long declared;
        try {
            declared = Long.parseLong(context.request().getHeader(HttpHeaders.CONTENT_LENGTH));
        } catch (NumberFormatException noLength) {
            context.next(); // no or no valid length: Quarkus' own limit counts the bytes as they come
            return;
        }
        if (declared <= limit) {
            context.next();
            return;
        }
        String problem = problem(context.request().path());
        HttpServerResponse response = context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).putHeader(HttpHeaders.CONNECTION, "close");
        boolean waitsForContinue = "100-continue".equalsIgnoreCase(context.request().getHeader(HttpHeaders.EXPECT));
        if (waitsForContinue || declared > DRAINED_LIMITS * limit) {
            response.end(problem);
            return;
        }
        context.request().handler(dropped -> { }).endHandler(end -> response.end(problem)).resume();
    }

    private String problem(String path) {
        URI instance;
        try {
            instance = URI.create(path);
        } catch (IllegalArgumentException notAUri) {
            instance = null;
        }
        try {
            return json.writeValueAsString(new Problem(Problem.type("body-too-large"), "Payload Too Large", 413,
                    "A request body may have at most " + limit + " bytes", instance, "body-too-large", null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
