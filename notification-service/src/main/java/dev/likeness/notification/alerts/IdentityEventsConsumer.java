package dev.likeness.notification.alerts;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.likeness.kit.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class IdentityEventsConsumer {

    static final String CHANNEL = "identity-events";

    private final EventConsumer events;
    private final Map<String, EventConsumer.Handler<?>> handlers;

    IdentityEventsConsumer(EventConsumer events, Alerts alerts) {
        this.events = events;
        this.handlers = Map.of(
                LikenessVerified.TYPE, EventConsumer.handler(LikenessVerified.class, alerts::verified),
                LikenessSuspended.TYPE, EventConsumer.handler(LikenessSuspended.class, alerts::suspended),
                LikenessReinstated.TYPE, EventConsumer.handler(LikenessReinstated.class, alerts::reinstated),
                LikenessDeleted.TYPE, EventConsumer.handler(LikenessDeleted.class, alerts::deleted));
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        return events.consume(message, CHANNEL, handlers);
    }
}
