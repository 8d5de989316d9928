package dev.likeness.notification.webhook;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;

import dev.likeness.kit.database.TransactionLocks;
import dev.likeness.kit.http.Problem;
import dev.likeness.kit.http.ProblemException;
import dev.likeness.kit.paging.Page;
import dev.likeness.kit.paging.PageCursor;
import dev.likeness.notification.inbox.Notification;
import dev.likeness.notification.inbox.NotificationType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Endpoints of their owner (others get 404), and the deliveries each notification owes them. */
@ApplicationScoped
public class Webhooks {

    /** As the kit's Retry-After for an unavailable dependency. */
    private static final Duration DNS_RETRY = Duration.ofSeconds(5);

    @Inject SecretBox secrets;
    @Inject TargetGuard guard;
    @Inject HostResolver resolver;
    @Inject WebhookConfig config;
    @Inject Clock clock;

    /**
     * In the notification's transaction: one pending delivery per endpoint that wants the type.
     * A disabled endpoint's deliveries wait until its owner enables it again.
     */
    public Uni<Void> enqueue(Notification notification) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.getSession().chain(session -> session
                .createQuery("from WebhookEndpoint where ownerId = ?1", WebhookEndpoint.class)
                .setParameter(1, notification.recipientId).getResultList()
                .chain(endpoints -> {
                    List<WebhookDelivery> deliveries = endpoints.stream()
                            .filter(endpoint -> endpoint.subscribes(notification.type.key()))
                            .map(endpoint -> {
                                WebhookDelivery delivery = new WebhookDelivery();
                                delivery.id = UUID.randomUUID();
                                delivery.endpointId = endpoint.id;
                                delivery.messageId = "msg_" + notification.id;
                                delivery.type = notification.type.key();
                                delivery.status = WebhookDelivery.PENDING;
                                delivery.nextAttemptAt = now;
                                delivery.createdAt = now;
                                return delivery;
                            }).toList();
                    return deliveries.isEmpty() ? Uni.createFrom().voidItem() : session.persistAll(deliveries.toArray());
                }));
    }

    /**
     * In the erasure's transaction, before the notifications the person acted in lose their actor:
     * their endpoints go, with deliveries and attempts (ON DELETE CASCADE). Other people's
     * deliveries of a notification the person acted in keep no body, which named them (actorId,
     * their name, what they wrote): an ended one keeps its log without it, and a redelivery
     * renders it again; a pending one is rendered again at its next attempt, from the notification
     * that no longer names them, under the same webhook-id, so its recipient still learns what
     * happened (dropping it would hide, say, a draft featuring them). Its claim is withdrawn, so an
     * attempt under way records nothing, and sends nothing unless it is sending already.
     */
    public Uni<Void> erase(String personId) {
        return Panache.getSession().chain(session -> session
                .createMutationQuery("delete from WebhookEndpoint where ownerId = ?1").setParameter(1, personId).executeUpdate()
                .chain(() -> session.createNativeQuery("""
                                UPDATE webhook_delivery SET payload = NULL, lease_owner = NULL
                                WHERE message_id IN (SELECT 'msg_' || id FROM notification WHERE actor_id = ?1)
                                AND (payload IS NOT NULL OR lease_owner IS NOT NULL)""")
                        .setParameter(1, personId).executeUpdate())
                // Still naming them: a pending body that outlived its notification (a year on a disabled endpoint),
                // which it cannot be rendered again from.
                .chain(() -> session.createNativeQuery("DELETE FROM webhook_delivery WHERE status = 'PENDING' AND strpos(payload, ?1) > 0")
                        .setParameter(1, personId).executeUpdate()))
                .replaceWithVoid();
    }

    @WithSession
    public Uni<List<EndpointView>> list(String ownerId) {
        return Panache.getSession().chain(s -> s
                .createQuery("from WebhookEndpoint where ownerId = ?1 order by createdAt", WebhookEndpoint.class)
                .setParameter(1, ownerId).getResultList())
                .map(all -> all.stream().map(e -> EndpointView.of(e, null)).toList());
    }

    @WithSession
    public Uni<EndpointView> get(String ownerId, UUID id) {
        return owned(ownerId, id).map(e -> EndpointView.of(e, null));
    }

    /** At most {@code max-endpoints} per owner: the owner's creations take turns (a transaction lock), then count. */
    public Uni<EndpointView> create(String ownerId, EndpointRequest request) {
        return checked(request).chain(url -> Panache.withTransaction(() -> Panache.getSession().chain(session -> TransactionLocks
                .lock("webhook-endpoints:" + ownerId)
                .chain(() -> session.createSelectionQuery("select count(*) from WebhookEndpoint where ownerId = ?1", Long.class)
                        .setParameter(1, ownerId).getSingleResult())
                .chain(count -> {
                    if (count >= config.maxEndpoints()) {
                        throw new ProblemException(409, "too-many-endpoints", "Too many webhook endpoints",
                                "An owner may register at most " + config.maxEndpoints() + " endpoints; delete one first");
                    }
                    return register(session, ownerId, request, url);
                }))));
    }

    private Uni<EndpointView> register(Mutiny.Session session, String ownerId, EndpointRequest request, URI url) {
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = UUID.randomUUID();
        endpoint.ownerId = ownerId;
        endpoint.createdAt = OffsetDateTime.now(clock);
        apply(endpoint, request, url);
        String secret = Signatures.newSecret();
        endpoint.secret = secrets.seal(secret, endpoint.id);
        return session.persist(endpoint).map(ignored -> EndpointView.of(endpoint, secret));
    }

    public Uni<EndpointView> update(String ownerId, UUID id, EndpointRequest request) {
        return checked(request).chain(url -> Panache.withTransaction(() -> owned(ownerId, id).map(endpoint -> {
            apply(endpoint, request, url);
            if (Boolean.TRUE.equals(request.enabled())) {
                endpoint.disabledAt = null;
                endpoint.disabledReason = null;
            } else if (Boolean.FALSE.equals(request.enabled()) && endpoint.disabledAt == null) {
                endpoint.disabledAt = endpoint.updatedAt;
                endpoint.disabledReason = "paused by its owner";
            }
            return EndpointView.of(endpoint, null);
        })));
    }

    @WithTransaction
    public Uni<Void> delete(String ownerId, UUID id) {
        return owned(ownerId, id).chain(endpoint -> Panache.getSession().chain(s -> s.remove(endpoint)));
    }

    /** A new secret; the previous one keeps signing (a second signature) for the configured time. */
    @WithTransaction
    public Uni<EndpointView> rotate(String ownerId, UUID id) {
        return owned(ownerId, id).map(endpoint -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            String secret = Signatures.newSecret();
            endpoint.previousSecret = secrets.seal(secrets.open(endpoint.secret, endpoint.id), endpoint.id);
            endpoint.previousExpiresAt = now.plus(config.previousSecretValidity());
            endpoint.secret = secrets.seal(secret, endpoint.id);
            endpoint.updatedAt = now;
            return EndpointView.of(endpoint, secret);
        });
    }

    /** The endpoint's delivery log, newest first, a page at a time, each delivery with its attempts. */
    @WithSession
    public Uni<Page<DeliveryView>> deliveries(String ownerId, UUID id, PageCursor after, int limit) {
        return owned(ownerId, id).chain(endpoint -> Panache.getSession())
                .chain(s -> logPage(s, id, after, limit + 1))
                .map(rows -> Page.of(rows, limit, logged -> cursorOf(logged.delivery()))
                        .map(logged -> DeliveryView.of(logged.delivery(), logged.attempts())));
    }

    /** Every endpoint of the owner, without its secrets: for their export. */
    @WithSession
    public Uni<List<ExportedEndpoint>> exportedEndpoints(String ownerId) {
        return Panache.getSession().chain(s -> s
                .createQuery("from WebhookEndpoint where ownerId = ?1 order by createdAt, id", WebhookEndpoint.class)
                .setParameter(1, ownerId).getResultList())
                .map(all -> all.stream().map(ExportedEndpoint::of).toList());
    }

    /**
     * For the owner's export: a page of an endpoint's delivery log, newest first, after
     * {@code after} (from the newest when null), each delivery with its attempts; empty when the
     * endpoint is not the owner's (or no longer exists).
     */
    @WithSession
    public Uni<List<ExportedDelivery>> exportedDeliveries(String ownerId, UUID endpointId, PageCursor after, int limit) {
        return Panache.getSession().chain(s -> s
                .createSelectionQuery("select count(*) from WebhookEndpoint where id = ?1 and ownerId = ?2", Long.class)
                .setParameter(1, endpointId).setParameter(2, ownerId).getSingleResult()
                .chain(owned -> owned == 0 ? Uni.createFrom().item(List.<Logged>of()) : logPage(s, endpointId, after, limit)))
                .map(page -> page.stream().map(logged -> ExportedDelivery.of(logged.delivery(), logged.attempts())).toList());
    }

    /** Where a delivery stands in its endpoint's log. */
    public static PageCursor position(ExportedDelivery delivery) {
        return new PageCursor(delivery.createdAt(), delivery.id());
    }

    private static PageCursor cursorOf(WebhookDelivery delivery) {
        return new PageCursor(delivery.createdAt, delivery.id);
    }

    private record Logged(WebhookDelivery delivery, List<WebhookAttempt> attempts) {
    }

    /** At most {@code limit} deliveries of the log after {@code after}, newest first, by keyset on webhook_delivery_log. */
    private static Uni<List<Logged>> logPage(Mutiny.Session s, UUID endpointId, PageCursor after, int limit) {
        var query = s.createQuery("from WebhookDelivery where endpointId = :endpoint"
                + (after == null ? "" : " and (createdAt < :at or (createdAt = :at and id < :id))")
                + " order by createdAt desc, id desc", WebhookDelivery.class).setParameter("endpoint", endpointId);
        if (after != null) {
            query.setParameter("at", after.createdAt()).setParameter("id", after.id());
        }
        return query.setMaxResults(limit).getResultList().chain(rows -> rows.isEmpty()
                ? Uni.createFrom().item(List.<Logged>of())
                : s.createQuery("from WebhookAttempt where deliveryId in ?1 order by id", WebhookAttempt.class)
                        .setParameter(1, rows.stream().map(d -> d.id).toList()).getResultList()
                        .map(attempts -> {
                            var byDelivery = attempts.stream().collect(Collectors.groupingBy(a -> a.deliveryId));
                            return rows.stream().map(d -> new Logged(d, byDelivery.getOrDefault(d.id, List.of()))).toList();
                        }));
    }

    /** Sends a delivery again, now, with a fresh retry schedule and the same webhook-id. */
    @WithTransaction
    public Uni<DeliveryView> redeliver(String ownerId, UUID id, UUID deliveryId) {
        return owned(ownerId, id).chain(endpoint -> {
            if (endpoint.disabledAt != null) {
                return Uni.createFrom().failure(new ProblemException(409, "endpoint-disabled", "Endpoint disabled",
                        "enable the endpoint before redelivering (" + endpoint.disabledReason + ")"));
            }
            return Panache.getSession().chain(s -> s.find(WebhookDelivery.class, deliveryId, LockMode.PESSIMISTIC_WRITE))
                    .map(d -> d != null && d.endpointId.equals(id) ? d : null)
                    .onItem().ifNull().failWith(() -> ProblemException.notFound("delivery " + deliveryId))
                    .map(d -> {
                        d.status = WebhookDelivery.PENDING;
                        d.attempts = 0;
                        // One being sent now keeps its claim, so that no second instance sends it meanwhile.
                        if (d.leaseOwner == null) {
                            d.nextAttemptAt = OffsetDateTime.now(clock);
                        }
                        d.finishedAt = null;
                        return DeliveryView.of(d, List.of());
                    });
        });
    }

    private Uni<WebhookEndpoint> owned(String ownerId, UUID id) {
        return Panache.getSession().chain(s -> s.find(WebhookEndpoint.class, id))
                .map(e -> e != null && e.ownerId.equals(ownerId) ? e : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("webhook endpoint " + id));
    }

    private void apply(WebhookEndpoint endpoint, EndpointRequest request, URI url) {
        endpoint.url = url.toString();
        endpoint.description = request.description();
        endpoint.eventTypes = request.eventTypes() == null ? new String[0] : request.eventTypes().stream().distinct().toArray(String[]::new);
        endpoint.language = Objects.requireNonNullElse(request.language(), "en");
        endpoint.updatedAt = OffsetDateTime.now(clock);
    }

    /** Types known, URL allowed: the host is resolved without blocking, then work resumes on the caller's Vert.x context. */
    private Uni<URI> checked(EndpointRequest request) {
        if (request.eventTypes() != null) {
            for (String type : request.eventTypes()) {
                if (NotificationType.byKey(type).isEmpty()) {
                    return Uni.createFrom().failure(invalid("eventTypes", "unknown notification type '" + type + "'"));
                }
            }
        }
        URI url;
        try {
            url = guard.parse(request.url());
        } catch (TargetGuard.RefusedTarget refused) {
            return Uni.createFrom().failure(invalid("url", refused.getMessage()));
        }
        Context caller = Vertx.currentContext();
        return resolver.resolve(url).replaceWith(url)
                .onFailure(TargetGuard.RefusedTarget.class).transform(refused -> invalid("url", refused.getMessage()))
                // The name servers may answer a later try: the kit's answer for an unavailable dependency.
                .onFailure(HostResolver.TimedOut.class).transform(slow -> ProblemException.unavailable(
                        "url: " + slow.getMessage() + "; retry later", DNS_RETRY))
                .emitOn(work -> caller.runOnContext(ignored -> work.run()));
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(400, "validation-failed", "Request validation failed", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }
}
