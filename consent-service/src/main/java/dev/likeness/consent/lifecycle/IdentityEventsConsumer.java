package dev.likeness.consent.lifecycle;

import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.likeness.consent.access.AccessRequestService;
import dev.likeness.consent.erasure.Erasure;
import dev.likeness.consent.erasure.PersonErased;
import dev.likeness.consent.grant.GrantService;
import dev.likeness.consent.ledger.Ledger;
import dev.likeness.consent.likeness.Likeness;
import dev.likeness.consent.likeness.LikenessDeleted;
import dev.likeness.consent.likeness.LikenessReinstated;
import dev.likeness.consent.likeness.LikenessService;
import dev.likeness.consent.likeness.LikenessSuspended;
import dev.likeness.consent.likeness.LikenessVerified;
import dev.likeness.kit.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;

/**
 * Follows identity-service, the one place its events act here: likenesses become checkable when
 * verified and follow suspension and reinstatement; deletion first revokes the likeness' grants
 * and withdraws its open access requests, each through its own service, in the event's transaction.
 * An erased person's likenesses are deleted the same way, and a likeness of theirs verified
 * before the erasure but delivered after it is never created here.
 */
@ApplicationScoped
public class IdentityEventsConsumer {

    static final String CHANNEL = "identity-events";

    private final EventConsumer events;
    private final Map<String, EventConsumer.Handler<?>> handlers;

    IdentityEventsConsumer(EventConsumer events, LikenessService likenesses, GrantService grants,
                           AccessRequestService requests, Erasure erasure) {
        this.events = events;
        Function<Likeness, Uni<?>> release = likeness -> grants.revokeAll(likeness, Ledger.IDENTITY_SERVICE)
                .chain(() -> requests.withdrawAll(likeness.id));
        this.handlers = Map.of(
                LikenessVerified.TYPE, EventConsumer.handler(LikenessVerified.class,
                        verified -> erasure.unlessErased(verified.ownerId(), () -> likenesses.verified(verified))),
                LikenessSuspended.TYPE, EventConsumer.handler(LikenessSuspended.class, likenesses::suspended),
                LikenessReinstated.TYPE, EventConsumer.handler(LikenessReinstated.class, likenesses::reinstated),
                LikenessDeleted.TYPE, EventConsumer.handler(LikenessDeleted.class, deleted -> likenesses.deleted(deleted, release)),
                PersonErased.TYPE, EventConsumer.handler(PersonErased.class, erased -> erasure.erase(erased, release)));
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        return events.consume(message, CHANNEL, handlers);
    }
}
