package dev.likeness.identity.keycloak;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.identity.erasure.PersonErasedEvent;
import dev.likeness.identity.likeness.Likeness;
import dev.likeness.identity.likeness.LikenessDeletedEvent;
import dev.likeness.identity.likeness.LikenessReinstatedEvent;
import dev.likeness.identity.likeness.LikenessSuspendedEvent;
import dev.likeness.identity.likeness.LikenessVerifiedEvent;
import dev.likeness.kit.Failures;
import dev.likeness.kit.erasure.ErasedPersons;
import dev.likeness.kit.messaging.EventConsumer;
import dev.likeness.kit.messaging.IncomingEvent;
import dev.likeness.kit.messaging.PoisonEventException;
import dev.likeness.kit.outbox.DomainEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Context;
import io.vertx.mutiny.core.Vertx;

/**
 * Writes a person's likeness status to their Keycloak user (see {@link LikenessClaim}), so
 * platforms can read it from a token.
 *
 * <p>It consumes identity-service's own events rather than calling Keycloak inside the
 * verification transaction: that would be a dual write. An event only says whose status to look
 * at: what is written is the owner's latest likeness as the database has it at that moment, so
 * an event arriving late, twice, or from the partition of a likeness the person has since deleted
 * cannot put an older status back. A user Keycloak already shows right is not written.
 *
 * <p>No database transaction is open during the Keycloak call: the claim is read in one
 * statement, then Keycloak is called on a worker thread, and only then does the kit's consumer
 * record the event (an empty effect) and acknowledge it. A passing Keycloak failure (5xx, 429,
 * timeout, connection) is retried with exponential backoff, {@code likeness.keycloak.attempts}
 * calls in all; a database outage is waited out, holding the partition, as the kit does. Any other
 * failure, or the last passing one, dead-letters the event; {@link KeycloakReconciliation} then
 * repairs the status within its interval.
 *
 * <p>A person erased (the kit's {@link ErasedPersons}, recorded by their erasure) is not written:
 * an event about them arriving late, their likenesses' own likeness.deleted included, is
 * acknowledged without effect, and so is person.erased (their account's deletion is
 * {@link ErasedAccounts}' work).
 */
@ApplicationScoped
public class KeycloakSync {

    static final String CHANNEL = "keycloak-sync";
    private static final Logger LOG = Logger.getLogger(KeycloakSync.class);
    private static final Duration DATABASE_BACKOFF = Duration.ofMillis(200);
    private static final Duration DATABASE_MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Map<String, Likeness.Status> STATUS_BY_TYPE = Map.of(
            DomainEvent.typeOf(LikenessVerifiedEvent.class), Likeness.Status.VERIFIED,
            DomainEvent.typeOf(LikenessSuspendedEvent.class), Likeness.Status.SUSPENDED,
            DomainEvent.typeOf(LikenessReinstatedEvent.class), Likeness.Status.VERIFIED,
            DomainEvent.typeOf(LikenessDeletedEvent.class), Likeness.Status.DELETED);
    private static final Map<String, EventConsumer.Handler<?>> APPLIED = handlers(Uni.createFrom().voidItem());

    private final EventConsumer events;
    private final KeycloakUsers users;
    private final LikenessClaims claims;
    private final ErasedPersons erasedPersons;
    private final KeycloakSyncConfig config;
    private final ObjectMapper json;

    KeycloakSync(EventConsumer events, KeycloakUsers users, LikenessClaims claims, ErasedPersons erasedPersons, KeycloakSyncConfig config,
                 ObjectMapper json) {
        this.events = events;
        this.users = users;
        this.claims = claims;
        this.erasedPersons = erasedPersons;
        this.config = config;
        this.json = json;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        Context context = Vertx.currentContext();
        LikenessClaim announced = announced(message);
        Uni<Void> mirrored = announced == null ? Uni.createFrom().voidItem() : unlessErased(announced, context);
        return mirrored
                .map(done -> APPLIED)
                .onFailure().recoverWithItem(failure -> refusing(announced, failure))
                // Retries resubscribe on other threads; the kit's transaction belongs on the event's context.
                .emitOn(context::runOnContext)
                .chain(handlers -> events.consume(message, CHANNEL, handlers));
    }

    private Uni<Void> unlessErased(LikenessClaim announced, Context context) {
        return Uni.createFrom().deferred(() -> Panache.withSession(() -> erasedPersons.erased(announced.ownerId())))
                .onFailure(Failures::isTransient).retry().withBackOff(DATABASE_BACKOFF, DATABASE_MAX_BACKOFF).indefinitely()
                .chain(erased -> erased ? Uni.createFrom().voidItem() : mirror(announced, context));
    }

    private Uni<Void> mirror(LikenessClaim announced, Context context) {
        Uni<LikenessClaim> current = Uni.createFrom().deferred(() -> claims.current(announced))
                .onFailure(Failures::isTransient).retry().withBackOff(DATABASE_BACKOFF, DATABASE_MAX_BACKOFF).indefinitely();
        return current
                .chain(claim -> context.executeBlocking(() -> users.change(claim.ownerId(), claim::appliedTo)))
                .onFailure(KeycloakFailures::isTransient).invoke(failure -> LOG.warnf("Keycloak did not take user %s's status: %s",
                        announced.ownerId(), failure))
                .onFailure(KeycloakFailures::isTransient).retry().withBackOff(config.backoff()).atMost(config.attempts() - 1L)
                .replaceWithVoid();
    }

    /** The claim the event makes, or null when it cannot be read: the kit's consumer then dead-letters it, saying why. */
    private LikenessClaim announced(Message<String> message) {
        try {
            IncomingEvent event = IncomingEvent.of(message);
            Likeness.Status status = STATUS_BY_TYPE.get(event.type());
            JsonNode data = json.readTree(event.data());
            if (status == null || !data.path("likenessId").isTextual() || !data.path("ownerId").isTextual()) {
                return null;
            }
            return new LikenessClaim(data.get("ownerId").asText(), UUID.fromString(data.get("likenessId").asText()), status);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** Handlers that make the kit dead-letter the event with the reason Keycloak was not brought in line. */
    private static Map<String, EventConsumer.Handler<?>> refusing(LikenessClaim announced, Throwable failure) {
        // Retries exhausted: Mutiny wraps the last failure.
        Throwable last = failure instanceof IllegalStateException && failure.getCause() != null ? failure.getCause() : failure;
        LOG.errorf(last, "Keycloak sync of user %s gave up", announced.ownerId());
        String reason = (KeycloakFailures.isTransient(last) ? "Keycloak kept failing: " : "Keycloak sync failed: ") + last;
        // No cause: the kit would retry forever what it takes for a passing failure of its own.
        return handlers(Uni.createFrom().failure(new PoisonEventException(reason)));
    }

    private static Map<String, EventConsumer.Handler<?>> handlers(Uni<Void> outcome) {
        return Map.of(
                DomainEvent.typeOf(LikenessVerifiedEvent.class), EventConsumer.handler(LikenessVerifiedEvent.class, event -> outcome),
                DomainEvent.typeOf(LikenessSuspendedEvent.class), EventConsumer.handler(LikenessSuspendedEvent.class, event -> outcome),
                DomainEvent.typeOf(LikenessReinstatedEvent.class), EventConsumer.handler(LikenessReinstatedEvent.class, event -> outcome),
                DomainEvent.typeOf(LikenessDeletedEvent.class), EventConsumer.handler(LikenessDeletedEvent.class, event -> outcome),
                DomainEvent.typeOf(PersonErasedEvent.class), EventConsumer.handler(PersonErasedEvent.class, event -> outcome));
    }
}
