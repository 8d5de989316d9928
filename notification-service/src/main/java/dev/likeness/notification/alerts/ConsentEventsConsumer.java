package dev.likeness.notification.alerts;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JsonNode;

import dev.likeness.kit.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ConsentEventsConsumer {

    static final String CHANNEL = "consent-events";
    /** The owner changed their own audience: nobody else needs telling. */
    static final String AUDIENCE_CHANGED = "dev.likeness.consent.audience.changed.v1";

    private final EventConsumer events;
    private final Map<String, EventConsumer.Handler<?>> handlers;

    ConsentEventsConsumer(EventConsumer events, Alerts alerts) {
        this.events = events;
        this.handlers = Map.of(
                GrantCreated.TYPE, EventConsumer.handler(GrantCreated.class, alerts::grantCreated),
                GrantRevoked.TYPE, EventConsumer.handler(GrantRevoked.class, alerts::grantRevoked),
                AccessRequested.TYPE, EventConsumer.handler(AccessRequested.class, alerts::accessRequested),
                AccessDecided.APPROVED, EventConsumer.handler(AccessDecided.class, alerts::accessApproved),
                AccessDecided.DENIED, EventConsumer.handler(AccessDecided.class, alerts::accessDenied),
                DraftCreated.TYPE, EventConsumer.handler(DraftCreated.class, alerts::draftCreated),
                DraftRemovalRequested.TYPE, EventConsumer.handler(DraftRemovalRequested.class, alerts::draftRemovalRequested),
                AUDIENCE_CHANGED, EventConsumer.handler(JsonNode.class, ignored -> Uni.createFrom().voidItem()));
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        return events.consume(message, CHANNEL, handlers);
    }
}
