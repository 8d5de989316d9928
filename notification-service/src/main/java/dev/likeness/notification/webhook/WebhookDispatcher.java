package dev.likeness.notification.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.hibernate.LockMode;
import org.jboss.logging.Logger;

import dev.likeness.notification.inbox.Notification;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Sends due deliveries, on every instance. A loop claims what the instance has room for
 * ({@code FOR UPDATE SKIP LOCKED}, at most {@code max-in-flight} under way and
 * {@code max-in-flight-per-endpoint} per endpoint) and starts each attempt without waiting for
 * it: an attempt waits for DNS, the payload's names and the receiver without holding a thread,
 * each for at most its timeout, so a slow receiver or name server delays only its own endpoint. Each claim is a lease (a crashed
 * instance's deliveries come due again), extended right before the send only while still this
 * claim's, so a delivery whose lease lapsed and was taken by another instance is not sent twice.
 * 2xx delivers; 410 disables the endpoint; anything else (timeouts, redirects, 5xx) retries on
 * the configured schedule, with jitter and the receiver's Retry-After, until it runs out: the
 * delivery fails and the endpoint's owner is told.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private final WebhookConfig config;
    private final SecretBox secrets;
    private final HostResolver resolver;
    private final FailingEndpoints failing;
    private final Payloads payloads;
    private final HttpClient http;
    private final Clock clock;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<UUID, Integer> inFlightByEndpoint = new ConcurrentHashMap<>();
    /** A permit per finished attempt: room for another claim. */
    private final Semaphore finished = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    WebhookDispatcher(WebhookConfig config, SecretBox secrets, HostResolver resolver, FailingEndpoints failing,
                      Payloads payloads, Vertx vertx, Clock clock) {
        this.config = config;
        this.secrets = secrets;
        this.resolver = resolver;
        this.failing = failing;
        this.payloads = payloads;
        this.clock = clock;
        // A pool as large as the attempts allowed: requests never queue behind another endpoint's on the same host.
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(false)
                .setForceSni(true)
                .setVerifyHost(true), new PoolOptions().setHttp1MaxSize(config.maxInFlight()));
    }

    /** What one attempt needs, read in the claiming transaction; {@code lease} names the claim. */
    record Job(UUID deliveryId, UUID endpointId, UUID lease, String messageId, String payload, Notification notification,
               URI url, List<String> secrets, String language) {
    }

    record Outcome(Integer status, String error, Duration retryAfter, int durationMs, String payload) {

        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "webhook-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                if (sendDue().isEmpty()) {
                    // Nothing due, or no room: look again when an attempt finishes, at the latest after poll-interval.
                    finished.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    finished.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                if (running) {
                    LOG.warnf("webhook dispatcher paused: %s", e.toString());
                    try {
                        Thread.sleep(Duration.ofSeconds(1).toMillis());
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * One look, as the loop takes it: claims the due deliveries this instance has room for and
     * starts their attempts. Blocking (the claim); the attempts finish on their own, each future
     * when its attempt is recorded.
     */
    public List<CompletableFuture<Void>> sendDue() {
        int room = Math.min(config.batchSize(), config.maxInFlight() - inFlight.get());
        if (room <= 0) {
            return List.of();
        }
        List<Job> jobs;
        try {
            jobs = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> claim(room)));
        } catch (Throwable e) {
            throw e instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(e);
        }
        return jobs.stream().map(this::start).toList();
    }

    private Uni<List<Job>> claim(int room) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        UUID lease = UUID.randomUUID();
        List<UUID> full = inFlightByEndpoint.entrySet().stream()
                .filter(busy -> busy.getValue() >= config.maxInFlightPerEndpoint()).map(Map.Entry::getKey).toList();
        // HQL, not SQL: each native select would add an entry to the plan cache (see Notifications.nextSeq).
        return Panache.getSession().chain(session -> session.createSelectionQuery("""
                        from WebhookDelivery d where d.status = 'PENDING' and d.nextAttemptAt <= ?1 and d.endpointId not in ?2
                        and exists (from WebhookEndpoint e where e.id = d.endpointId and e.disabledAt is null)
                        order by d.nextAttemptAt""", WebhookDelivery.class)
                .setParameter(1, now).setParameter(2, full).setMaxResults(room).setLockMode(LockMode.UPGRADE_SKIPLOCKED)
                .getResultList()
                .map(this::withinEndpointRoom)
                .chain(deliveries -> deliveries.isEmpty() ? Uni.createFrom().item(List.<Job>of()) : session
                        .createQuery("from WebhookEndpoint where id in ?1", WebhookEndpoint.class)
                        .setParameter(1, deliveries.stream().map(d -> d.endpointId).distinct().toList()).getResultList()
                        .chain(endpoints -> session.createQuery("from Notification where id in ?1", Notification.class)
                                .setParameter(1, deliveries.stream().filter(d -> d.payload == null)
                                        .map(d -> UUID.fromString(d.messageId.substring(4))).toList())
                                .getResultList()
                                .map(found -> jobs(deliveries, endpoints, found, lease, now)))));
    }

    /** The deliveries this instance may start per endpoint; the others stay unclaimed, their locks released at commit. */
    private List<WebhookDelivery> withinEndpointRoom(List<WebhookDelivery> due) {
        Map<UUID, Integer> taken = new HashMap<>();
        List<WebhookDelivery> chosen = new ArrayList<>();
        for (WebhookDelivery delivery : due) {
            int busy = inFlightByEndpoint.getOrDefault(delivery.endpointId, 0) + taken.getOrDefault(delivery.endpointId, 0);
            if (busy < config.maxInFlightPerEndpoint()) {
                taken.merge(delivery.endpointId, 1, Integer::sum);
                chosen.add(delivery);
            }
        }
        return chosen;
    }

    private List<Job> jobs(List<WebhookDelivery> deliveries, List<WebhookEndpoint> endpoints, List<Notification> found,
                           UUID lease, OffsetDateTime now) {
        Map<UUID, WebhookEndpoint> endpointById = endpoints.stream().collect(Collectors.toMap(e -> e.id, Function.identity()));
        Map<UUID, Notification> notificationById = found.stream().collect(Collectors.toMap(n -> n.id, Function.identity()));
        List<Job> jobs = new ArrayList<>();
        for (WebhookDelivery delivery : deliveries) {
            WebhookEndpoint endpoint = endpointById.get(delivery.endpointId);
            delivery.leaseOwner = lease;
            delivery.nextAttemptAt = now.plus(config.lease());
            List<String> valid = new ArrayList<>(List.of(secrets.open(endpoint.secret, endpoint.id)));
            if (endpoint.previousSecret != null && endpoint.previousExpiresAt.isAfter(now)) {
                valid.add(secrets.open(endpoint.previousSecret, endpoint.id));
            }
            jobs.add(new Job(delivery.id, endpoint.id, lease, delivery.messageId, delivery.payload,
                    notificationById.get(UUID.fromString(delivery.messageId.substring(4))), URI.create(endpoint.url), valid,
                    endpoint.language));
        }
        return jobs;
    }

    /** Runs the attempt on a Vert.x context of its own (Hibernate Reactive needs one); the loop does not wait for it. */
    private CompletableFuture<Void> start(Job job) {
        inFlight.incrementAndGet();
        inFlightByEndpoint.merge(job.endpointId(), 1, Integer::sum);
        CompletableFuture<Void> done = new CompletableFuture<>();
        VertxContextSupport.<Void>subscribe(() -> {
            Context context = Vertx.currentContext();
            return attempt(job, context::runOnContext).toMulti();
        }, subscription -> subscription.with(ignored -> { }, failure -> {
            LOG.warnf("webhook delivery %s: attempt not recorded, retried after its lease: %s", job.deliveryId(), failure.toString());
            finish(job, done);
        }, () -> finish(job, done)));
        return done;
    }

    private void finish(Job job, CompletableFuture<Void> done) {
        inFlightByEndpoint.computeIfPresent(job.endpointId(), (endpoint, busy) -> busy == 1 ? null : busy - 1);
        inFlight.decrementAndGet();
        finished.release();
        done.complete(null);
    }

    /**
     * Resolves the host and renders the payload (both off this context, with their timeouts), then
     * sends only if this claim still holds the delivery, which it extends first past the request's
     * timeout. {@code onContext} brings each result back to the attempt's Vert.x context.
     */
    private Uni<Void> attempt(Job job, Executor onContext) {
        Uni<String> payload = job.payload() != null ? Uni.createFrom().item(job.payload())
                : payloads.render(job.notification(), job.language());
        return Uni.combine().all().unis(resolver.resolve(job.url()), payload).asTuple()
                .emitOn(onContext)
                .onItemOrFailure().transformToUni((target, failure) -> failure != null
                        ? record(job, new Outcome(null, describe(failure), null, 0, null))
                        : extendLease(job).chain(held -> held
                                ? send(job, target.getItem1(), target.getItem2()).emitOn(onContext).chain(outcome -> record(job, outcome))
                                : Uni.createFrom().voidItem()));
    }

    /** Whether this claim still holds the delivery; if so it now lasts until the request's timeout plus a lease. */
    private Uni<Boolean> extendLease(Job job) {
        OffsetDateTime until = OffsetDateTime.now(clock).plus(config.requestTimeout()).plus(config.lease());
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createMutationQuery("update WebhookDelivery set nextAttemptAt = ?1 where id = ?2 and leaseOwner = ?3")
                        .setParameter(1, until).setParameter(2, job.deliveryId()).setParameter(3, job.lease()).executeUpdate()))
                .map(updated -> updated == 1);
    }

    private Uni<Outcome> send(Job job, InetAddress address, String payload) {
        long started = System.nanoTime();
        long timestamp = clock.instant().getEpochSecond();
        URI url = job.url();
        boolean https = url.getScheme().equalsIgnoreCase("https");
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        // To the address judged, with the URL's host for TLS SNI and verification: DNS rebinding cannot redirect it.
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(url.getHost()).setPort(port)
                .setSsl(https).setURI(path).setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setIdleTimeout(config.requestTimeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "likeness-notification-service")
                .putHeader("webhook-id", job.messageId())
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", Signatures.header(job.secrets(), job.messageId(), timestamp, payload));
        return http.request(request)
                .chain(sent -> sent.send(Buffer.buffer(payload)))
                .map(response -> {
                    // The body is never read: close instead of buffering what a receiver sends back.
                    response.request().connection().close();
                    return new Outcome(response.statusCode(), null,
                            retryAfter(response.getHeader("retry-after"), OffsetDateTime.now(clock)), elapsed(started), payload);
                })
                .ifNoItem().after(config.requestTimeout()).fail()
                .onFailure().recoverWithItem(failure -> new Outcome(null, describe(failure), null, elapsed(started), payload));
    }

    /** Only while this claim still holds the delivery: otherwise it was deleted, or another instance owns it now. */
    private Uni<Void> record(Job job, Outcome outcome) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .find(WebhookDelivery.class, job.deliveryId(), LockMode.PESSIMISTIC_WRITE).chain(delivery -> {
            if (delivery == null || !job.lease().equals(delivery.leaseOwner)) {
                return Uni.createFrom().voidItem();
            }
            WebhookAttempt attempt = new WebhookAttempt();
            attempt.deliveryId = delivery.id;
            attempt.attemptedAt = now;
            attempt.responseStatus = outcome.status();
            attempt.error = outcome.error();
            attempt.durationMs = outcome.durationMs();
            delivery.attempts++;
            delivery.leaseOwner = null;
            if (delivery.payload == null) {
                delivery.payload = outcome.payload();
            }
            Uni<Void> after = Uni.createFrom().voidItem();
            if (outcome.delivered()) {
                delivery.status = WebhookDelivery.DELIVERED;
                delivery.finishedAt = now;
            } else if (Objects.equals(outcome.status(), 410)) {
                delivery.status = WebhookDelivery.FAILED;
                delivery.finishedAt = now;
                after = session.find(WebhookEndpoint.class, delivery.endpointId).invoke(endpoint -> {
                    endpoint.disabledAt = now;
                    endpoint.disabledReason = "the receiver answered 410 Gone";
                    endpoint.updatedAt = now;
                }).replaceWithVoid();
            } else if (delivery.attempts > config.retrySchedule().size()) {
                delivery.status = WebhookDelivery.FAILED;
                delivery.finishedAt = now;
                after = session.find(WebhookEndpoint.class, delivery.endpointId).chain(failing::gaveUp);
            } else {
                delivery.nextAttemptAt = now.plus(nextWait(delivery.attempts, outcome.retryAfter()));
            }
            Uni<Void> then = after;
            return session.persist(attempt).chain(() -> then);
        })));
    }

    /** The scheduled wait after the n-th failed attempt, jittered, but never sooner than Retry-After asks. */
    Duration nextWait(int failedAttempts, Duration retryAfter) {
        Duration scheduled = config.retrySchedule().get(failedAttempts - 1);
        double factor = 1 + config.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        Duration jittered = Duration.ofMillis(Math.round(scheduled.toMillis() * factor));
        if (retryAfter == null) {
            return jittered;
        }
        Duration asked = retryAfter.compareTo(config.maxRetryAfter()) > 0 ? config.maxRetryAfter() : retryAfter;
        return asked.compareTo(jittered) > 0 ? asked : jittered;
    }

    /** Retry-After in seconds or as an HTTP date, which is {@code now} plus the result. */
    static Duration retryAfter(String header, OffsetDateTime now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ENGLISH));
                Duration wait = Duration.between(now, at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }

    private static int elapsed(long started) {
        return (int) ((System.nanoTime() - started) / 1_000_000);
    }

    private String describe(Throwable failure) {
        if (failure instanceof TargetGuard.RefusedTarget || failure instanceof HostResolver.TimedOut) {
            return failure.getMessage();
        }
        if (failure instanceof TimeoutException) { // Mutiny's, which ifNoItem().after().fail() raises
            return "no answer within " + config.requestTimeout().toSeconds() + " s";
        }
        return "request failed: " + Objects.requireNonNullElse(failure.getMessage(), "connection error");
    }
}
