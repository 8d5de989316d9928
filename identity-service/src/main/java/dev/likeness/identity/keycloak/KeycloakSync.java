package dev.likeness.identity.keycloak;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.likeness.identity.likeness.LikenessVerifiedEvent;
import dev.likeness.identity.messaging.EventConsumer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Writes a person's likeness status to their Keycloak user (attributes {@code likeness_status}
 * and {@code likeness_id}, mapped into their tokens), so platforms can read it from a token.
 *
 * <p>It consumes identity-service's own events rather than calling Keycloak inside the
 * verification transaction: that would be a dual write. Setting an attribute is idempotent, so
 * a redelivery after a crash does no harm, and the consumed-event record skips it anyway.
 */
@ApplicationScoped
public class KeycloakSync {

    static final String CHANNEL = "keycloak-sync";
    public static final String STATUS_ATTRIBUTE = "likeness_status";
    public static final String LIKENESS_ATTRIBUTE = "likeness_id";

    private final EventConsumer events;
    private final KeycloakUsers users;
    private final Map<String, EventConsumer.Handler<?>> handlers;

    KeycloakSync(EventConsumer events, KeycloakUsers users) {
        this.events = events;
        this.users = users;
        this.handlers = Map.of(LikenessVerifiedEvent.TYPE, EventConsumer.handler(LikenessVerifiedEvent.class, this::verified));
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        return events.consume(message, CHANNEL, handlers);
    }

    Uni<Void> verified(LikenessVerifiedEvent event) {
        // The admin client blocks: run it on a worker, resume on this event's context (and transaction).
        return Vertx.currentContext().executeBlocking(Uni.createFrom().item(() -> {
            users.setAttributes(event.ownerId(), Map.of(STATUS_ATTRIBUTE, "VERIFIED", LIKENESS_ATTRIBUTE, event.likenessId().toString()));
            return null;
        })).replaceWithVoid();
    }
}
