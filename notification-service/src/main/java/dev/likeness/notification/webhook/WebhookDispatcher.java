package dev.likeness.notification.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.hibernate.LockMode;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.likeness.notification.inbox.Notification;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Sends due deliveries, on every instance: each claims a batch with {@code FOR UPDATE SKIP LOCKED}
 * and leases it (a crashed instance's claims come due again), sends them concurrently, then
 * records each attempt. 2xx delivers; 410 disables the endpoint; anything else (timeouts,
 * redirects, 5xx) retries on the configured schedule, with jitter and the receiver's
 * Retry-After, until it runs out: the delivery fails and the endpoint's owner is told.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    private final WebhookConfig config;
    private final SecretBox secrets;
    private final TargetGuard guard;
    private final FailingEndpoints failing;
    private final Payloads payloads;
    private final HttpClient http;

    @Inject Clock clock;

    private volatile boolean running;
    private Thread thread;

    WebhookDispatcher(WebhookConfig config, SecretBox secrets, TargetGuard guard, FailingEndpoints failing,
                      Payloads payloads, Vertx vertx) {
        this.config = config;
        this.secrets = secrets;
        this.guard = guard;
        this.failing = failing;
        this.payloads = payloads;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(false)
                .setForceSni(true)
                .setVerifyHost(true));
    }

    /** What one attempt needs, read in the claiming transaction. */
    record Job(UUID deliveryId, String messageId, String type, String payload, Notification notification, URI url,
               List<String> secrets, String language) {
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
                List<Job> jobs = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(this::claim));
                if (jobs.isEmpty()) {
                    Thread.sleep(config.pollInterval().toMillis());
                    continue;
                }
                List<Uni<Outcome>> sends = jobs.stream().map(this::send).toList();
                List<Outcome> outcomes = Uni.join().all(sends).andCollectFailures().await().indefinitely();
                for (int i = 0; i < jobs.size(); i++) {
                    Job job = jobs.get(i);
                    Outcome outcome = outcomes.get(i);
                    VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> record(job, outcome)));
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

    private Uni<List<Job>> claim() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // HQL, not SQL: each native select would add an entry to the plan cache (see Notifications.nextSeq).
        return Panache.getSession().chain(session -> session.createSelectionQuery("""
                        from WebhookDelivery d where d.status = 'PENDING' and d.nextAttemptAt <= ?1
                        and exists (from WebhookEndpoint e where e.id = d.endpointId and e.disabledAt is null)
                        order by d.nextAttemptAt""", WebhookDelivery.class)
                .setParameter(1, now).setMaxResults(config.batchSize()).setLockMode(LockMode.UPGRADE_SKIPLOCKED).getResultList()
                .chain(deliveries -> deliveries.isEmpty() ? Uni.createFrom().item(List.<Job>of()) : session
                        .createQuery("from WebhookEndpoint where id in ?1", WebhookEndpoint.class)
                        .setParameter(1, deliveries.stream().map(d -> d.endpointId).distinct().toList()).getResultList()
                        .chain(endpoints -> session.createQuery("from Notification where id in ?1", Notification.class)
                                .setParameter(1, deliveries.stream().filter(d -> d.payload == null)
                                        .map(d -> UUID.fromString(d.messageId.substring(4))).toList())
                                .getResultList()
                                .map(found -> jobs(deliveries, endpoints, found, now)))));
    }

    private List<Job> jobs(List<WebhookDelivery> deliveries, List<WebhookEndpoint> endpoints, List<Notification> found,
                           OffsetDateTime now) {
        Map<UUID, WebhookEndpoint> endpointById = endpoints.stream().collect(Collectors.toMap(e -> e.id, Function.identity()));
        Map<UUID, Notification> notificationById = found.stream().collect(Collectors.toMap(n -> n.id, Function.identity()));
        List<Job> jobs = new ArrayList<>();
        for (WebhookDelivery delivery : deliveries) {
            WebhookEndpoint endpoint = endpointById.get(delivery.endpointId);
            delivery.nextAttemptAt = now.plus(config.requestTimeout()).plus(LEASE_MARGIN);
            List<String> valid = new ArrayList<>(List.of(secrets.open(endpoint.secret, endpoint.id)));
            if (endpoint.previousSecret != null && endpoint.previousExpiresAt.isAfter(now)) {
                valid.add(secrets.open(endpoint.previousSecret, endpoint.id));
            }
            jobs.add(new Job(delivery.id, delivery.messageId, delivery.type, delivery.payload,
                    notificationById.get(UUID.fromString(delivery.messageId.substring(4))), URI.create(endpoint.url), valid,
                    endpoint.language));
        }
        return jobs;
    }

    private Uni<Outcome> send(Job job) {
        long started = System.nanoTime();
        String payload;
        InetAddress address;
        try {
            payload = job.payload() != null ? job.payload() : payloads.render(job.notification(), job.language());
            address = guard.resolve(guard.parse(job.url().toString()));
        } catch (TargetGuard.RefusedTarget | JsonProcessingException refused) {
            return Uni.createFrom().item(new Outcome(null, refused.getMessage(), null, 0, null));
        }
        long timestamp = clock.instant().getEpochSecond();
        URI url = job.url();
        boolean https = url.getScheme().equalsIgnoreCase("https");
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
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

    private Uni<Void> record(Job job, Outcome outcome) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.getSession().chain(session -> session.find(WebhookDelivery.class, job.deliveryId()).chain(delivery -> {
            if (delivery == null) {
                return Uni.createFrom().voidItem(); // the endpoint was deleted meanwhile
            }
            WebhookAttempt attempt = new WebhookAttempt();
            attempt.deliveryId = delivery.id;
            attempt.attemptedAt = now;
            attempt.responseStatus = outcome.status();
            attempt.error = outcome.error();
            attempt.durationMs = outcome.durationMs();
            delivery.attempts++;
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
        }));
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
        if (failure instanceof TimeoutException) {
            return "no answer within " + config.requestTimeout().toSeconds() + " s";
        }
        return "request failed: " + Objects.requireNonNullElse(failure.getMessage(), "connection error");
    }
}
