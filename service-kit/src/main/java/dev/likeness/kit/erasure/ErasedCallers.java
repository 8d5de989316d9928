package dev.likeness.kit.erasure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.http.Roles;
import dev.likeness.kit.http.WriteRateLimit;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/**
 * Refuses the writes of a person erased lately, with 410 {@code person-erased}: their access
 * token stays valid until it expires (the realm's access token lifespan) though their account is
 * gone, and nothing they send then may store anything of them again. Reads pass: nothing of
 * theirs is left to read. Platforms are never erased persons.
 */
@ApplicationScoped
public class ErasedCallers {

    @Inject CurrentIdentityAssociation identities;
    @Inject ErasedPersons erased;

    // After matching, as WriteRateLimit: the security check has authenticated the caller.
    @ServerRequestFilter
    public Uni<Void> refuse(ContainerRequestContext request) {
        if (!WriteRateLimit.WRITES.contains(request.getMethod())) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity().chain(caller -> {
            if (caller.isAnonymous() || caller.hasRole(Roles.PLATFORM)) {
                return Uni.createFrom().voidItem();
            }
            String subject = ((JsonWebToken) caller.getPrincipal()).getSubject();
            return erased.erasedNow(subject).invoke(gone -> {
                if (gone) {
                    throw new ProblemException(410, "person-erased", "Person erased",
                            "This account was erased; its token outlives it but may change nothing");
                }
            }).replaceWithVoid();
        });
    }
}
