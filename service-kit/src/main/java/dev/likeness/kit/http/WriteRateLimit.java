package dev.likeness.kit.http;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Writes (POST, PUT, PATCH, DELETE) of a signed-in caller are limited per caller and instance
 * ({@link RateLimitConfig}): past the limit, 429 {@code too-many-writes} with Retry-After, before
 * the resource runs, so nothing changes. The caller is the token's subject (a platform's is its
 * service account); a platform gets the platforms' limit, anyone else the people's. Anonymous
 * requests pass (they are refused with 401 anyway), and so does a method that changes nothing
 * though its HTTP method is a write (a query sent as a POST for its body), marked
 * {@code @Extension(name = WriteRateLimit.NOT_A_WRITE, value = "true")}: one mark that the limit
 * reads here and the OpenAPI document shows, where {@link ProblemResponses} lists no 429 for it.
 */
@ApplicationScoped // made on the first request, not when Quarkus REST builds its filters (before runtime config exists)
public class WriteRateLimit {

    public static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    public static final String NOT_A_WRITE = "x-not-a-write";

    private final CurrentIdentityAssociation identities;
    private final WriteBuckets buckets;
    private final WriteBuckets.Limit people;
    private final WriteBuckets.Limit platforms;

    @Inject
    WriteRateLimit(CurrentIdentityAssociation identities, RateLimitConfig config) {
        this.identities = identities;
        this.buckets = new WriteBuckets(config.maxPrincipals(), System::nanoTime);
        this.people = WriteBuckets.Limit.of(config.user().writesPerMinute(), config.user().burst());
        this.platforms = WriteBuckets.Limit.of(config.platform().writesPerMinute(), config.platform().burst());
    }

    // A filter after matching: the resource method is known, and its security check has authenticated the caller.
    @ServerRequestFilter
    public Uni<Void> limit(ContainerRequestContext request, ResourceInfo resource) {
        if (!WRITES.contains(request.getMethod()) || notAWrite(resource.getResourceMethod())) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity().invoke(this::count).replaceWithVoid();
    }

    private static boolean notAWrite(Method method) {
        return Arrays.stream(method.getAnnotationsByType(Extension.class))
                .anyMatch(extension -> NOT_A_WRITE.equals(extension.name()) && "true".equals(extension.value()));
    }

    private void count(SecurityIdentity caller) {
        if (caller.isAnonymous()) {
            return;
        }
        // Every service authenticates with quarkus-oidc, whose principal is the bearer token.
        String subject = ((JsonWebToken) caller.getPrincipal()).getSubject();
        buckets.take(subject, caller.hasRole(Roles.PLATFORM) ? platforms : people);
    }
}
