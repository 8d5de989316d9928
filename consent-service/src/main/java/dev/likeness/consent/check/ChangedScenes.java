package dev.likeness.consent.check;

import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Forgets the cached scene of the likeness a request changed, after its transaction committed and
 * before it is answered, so this instance's next check sees the change without waiting for the
 * notification. An owner changes a likeness under {@code /v1/likenesses/{likenessId}}; a draft's
 * registration forgets its likenesses itself; follows are not cached.
 */
public class ChangedScenes {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final SceneCache cache;

    ChangedScenes(SceneCache cache) {
        this.cache = cache;
    }

    @ServerResponseFilter
    public void forget(ContainerRequestContext request, ContainerResponseContext response) {
        String likenessId = request.getUriInfo().getPathParameters().getFirst("likenessId");
        if (likenessId != null && !SAFE.contains(request.getMethod()) && response.getStatus() < 300) {
            cache.forget(UUID.fromString(likenessId));
        }
    }
}
