package dev.likeness.notification.alerts;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JsonNode;

import dev.likeness.kit.messaging.EventConsumer;
import dev.likeness.notification.erasure.Erasure;
import dev.likeness.notification.erasure.PersonErased;
import io.smallrye.mutiny.Uni;

/**
 * identity-service's and consent-service's events, each handed to {@link Alerts} by its CloudEvents
 * type, and a person's erasure to {@link Erasure}.
 */
@ApplicationScoped
public class UpstreamEvents {

    static final String IDENTITY = "identity-events";
    static final String CONSENT = "consent-events";
    /** The owner changed their own audience: nobody else needs telling. */
    static final String AUDIENCE_CHANGED = "dev.likeness.consent.audience.changed.v1";

    private final EventConsumer events;
    private final Map<String, EventConsumer.Handler<?>> handlers;

    UpstreamEvents(EventConsumer events, Alerts alerts, Erasure erasure) {
        this.events = events;
        this.handlers = Map.ofEntries(
                Map.entry(LikenessVerified.TYPE, EventConsumer.handler(LikenessVerified.class, alerts::verified)),
                Map.entry(LikenessSuspended.TYPE, EventConsumer.handler(LikenessSuspended.class, alerts::suspended)),
                Map.entry(LikenessReinstated.TYPE, EventConsumer.handler(LikenessReinstated.class, alerts::reinstated)),
                Map.entry(LikenessDeleted.TYPE, EventConsumer.handler(LikenessDeleted.class, alerts::deleted)),
                Map.entry(GrantCreated.TYPE, EventConsumer.handler(GrantCreated.class, alerts::grantCreated)),
                Map.entry(GrantRevoked.TYPE, EventConsumer.handler(GrantRevoked.class, alerts::grantRevoked)),
                Map.entry(AccessRequested.TYPE, EventConsumer.handler(AccessRequested.class, alerts::accessRequested)),
                Map.entry(AccessDecided.APPROVED, EventConsumer.handler(AccessDecided.class, alerts::accessApproved)),
                Map.entry(AccessDecided.DENIED, EventConsumer.handler(AccessDecided.class, alerts::accessDenied)),
                Map.entry(DraftCreated.TYPE, EventConsumer.handler(DraftCreated.class, alerts::draftCreated)),
                Map.entry(DraftRemovalRequested.TYPE, EventConsumer.handler(DraftRemovalRequested.class, alerts::draftRemovalRequested)),
                Map.entry(PersonErased.TYPE, EventConsumer.handler(PersonErased.class, erasure::erase)),
                Map.entry(AUDIENCE_CHANGED, EventConsumer.handler(JsonNode.class, ignored -> Uni.createFrom().voidItem())));
    }

    @Incoming(IDENTITY)
    public Uni<Void> identity(Message<String> message) {
        return events.consume(message, IDENTITY, handlers);
    }

    @Incoming(CONSENT)
    public Uni<Void> consent(Message<String> message) {
        return events.consume(message, CONSENT, handlers);
    }
}
