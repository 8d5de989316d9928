package dev.likeness.identity.keycloak;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.likeness.identity.likeness.LikenessDeletedEvent;
import dev.likeness.identity.likeness.LikenessReinstatedEvent;
import dev.likeness.identity.likeness.LikenessRepository;
import dev.likeness.identity.likeness.LikenessSuspendedEvent;
import dev.likeness.identity.likeness.LikenessVerifiedEvent;
import dev.likeness.kit.messaging.EventConsumer;
import dev.likeness.kit.outbox.DomainEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Writes a person's likeness status to their Keycloak user (attributes {@code likeness_status}
 * and {@code likeness_id}, mapped into their tokens), so platforms can read it from a token.
 *
 * <p>It consumes identity-service's own events rather than calling Keycloak inside the
 * verification transaction: that would be a dual write. Setting an attribute is idempotent, so
 * a redelivery after a crash does no harm, and the consumed-event record skips it anyway.
 *
 * <p>Events are keyed by likeness, so a person's deleted likeness and their next one may sit on
 * different partitions and arrive in any order: an event about a likeness older than the
 * person's latest is skipped, or it would overwrite the newer likeness' status.
 */
@ApplicationScoped
public class KeycloakSync {

    static final String CHANNEL = "keycloak-sync";
    public static final String STATUS_ATTRIBUTE = "likeness_status";
    public static final String LIKENESS_ATTRIBUTE = "likeness_id";

    private final EventConsumer events;
    private final KeycloakUsers users;
    private final LikenessRepository likenesses;
    private final Map<String, EventConsumer.Handler<?>> handlers;

    KeycloakSync(EventConsumer events, KeycloakUsers users, LikenessRepository likenesses) {
        this.events = events;
        this.users = users;
        this.likenesses = likenesses;
        this.handlers = Map.of(
                DomainEvent.typeOf(LikenessVerifiedEvent.class), EventConsumer.handler(LikenessVerifiedEvent.class,
                        event -> current(event.likenessId(), event.ownerId(), "VERIFIED")),
                DomainEvent.typeOf(LikenessSuspendedEvent.class), EventConsumer.handler(LikenessSuspendedEvent.class,
                        event -> current(event.likenessId(), event.ownerId(), "SUSPENDED")),
                DomainEvent.typeOf(LikenessReinstatedEvent.class), EventConsumer.handler(LikenessReinstatedEvent.class,
                        event -> current(event.likenessId(), event.ownerId(), "VERIFIED")),
                DomainEvent.typeOf(LikenessDeletedEvent.class), EventConsumer.handler(LikenessDeletedEvent.class, this::deleted));
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        return events.consume(message, CHANNEL, handlers);
    }

    private Uni<Void> current(UUID likenessId, String ownerId, String status) {
        return unlessSuperseded(likenessId, ownerId, () -> users.setAttributes(ownerId,
                Map.of(STATUS_ATTRIBUTE, status, LIKENESS_ATTRIBUTE, likenessId.toString())));
    }

    /** The person keeps the status DELETED (a token says they had one) but no likeness id. */
    private Uni<Void> deleted(LikenessDeletedEvent event) {
        return unlessSuperseded(event.likenessId(), event.ownerId(),
                () -> users.setAttributes(event.ownerId(), Map.of(STATUS_ATTRIBUTE, "DELETED"), LIKENESS_ATTRIBUTE));
    }

    private Uni<Void> unlessSuperseded(UUID likenessId, String ownerId, Runnable update) {
        return likenesses.hasSuccessor(likenessId, ownerId).chain(superseded -> superseded
                ? Uni.createFrom().voidItem()
                // The admin client blocks: run it on a worker, resume on this event's context (and transaction).
                : Vertx.currentContext().executeBlocking(Uni.createFrom().item(() -> {
                    update.run();
                    return null;
                })).replaceWithVoid());
    }
}
