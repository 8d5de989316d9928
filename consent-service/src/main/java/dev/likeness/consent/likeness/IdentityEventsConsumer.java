package dev.likeness.consent.likeness;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.likeness.consent.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;

/** Follows identity-service: likenesses become checkable when verified, and follow suspension, reinstatement and deletion. */
@ApplicationScoped
public class IdentityEventsConsumer {

    static final String CHANNEL = "identity-events";

    private final EventConsumer events;
    private final Map<String, EventConsumer.Handler<?>> handlers;

    IdentityEventsConsumer(EventConsumer events, LikenessService likenesses) {
        this.events = events;
        this.handlers = Map.of(
                LikenessVerified.TYPE, EventConsumer.handler(LikenessVerified.class, likenesses::verified),
                LikenessSuspended.TYPE, EventConsumer.handler(LikenessSuspended.class, likenesses::suspended),
                LikenessReinstated.TYPE, EventConsumer.handler(LikenessReinstated.class, likenesses::reinstated),
                LikenessDeleted.TYPE, EventConsumer.handler(LikenessDeleted.class, likenesses::deleted));
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        return events.consume(message, CHANNEL, handlers);
    }
}
