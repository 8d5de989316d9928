package dev.likeness.notification.stream;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.likeness.kit.database.DedicatedConnections;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;

/**
 * Wakes the open streams of a person when a notification for them commits, on any instance: one
 * connection per instance LISTENs to {@code notification_created} (a trigger NOTIFYs with the
 * recipient). A wake-up only says "look again": each stream reads what follows its last event
 * from the database, so a lost wake-up delays an event until the next one, never loses it; after
 * a reconnection every stream looks again.
 */
@ApplicationScoped
public class LiveStreams {

    private static final Logger LOG = Logger.getLogger(LiveStreams.class);
    private static final Duration RECONNECT = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final DedicatedConnections connections;
    private final Map<String, Set<Runnable>> open = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile PgConnection listening;

    LiveStreams(Vertx vertx, MeterRegistry metrics, DedicatedConnections connections) {
        this.vertx = vertx;
        this.connections = connections;
        Gauge.builder("likeness.streams.open", open, streams -> streams.values().stream().mapToInt(Set::size).sum())
                .description("Open live streams").register(metrics);
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        listen();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        PgConnection connection = listening;
        if (connection != null) {
            connection.closeAndForget();
        }
    }

    public void subscribe(String recipientId, Runnable wake) {
        open.computeIfAbsent(recipientId, ignored -> ConcurrentHashMap.newKeySet()).add(wake);
    }

    public void unsubscribe(String recipientId, Runnable wake) {
        open.computeIfPresent(recipientId, (ignored, wakes) -> {
            wakes.remove(wake);
            return wakes.isEmpty() ? null : wakes;
        });
    }

    private void listen() {
        connections.open()
                .call(connection -> connection.query("LISTEN notification_created").execute())
                .subscribe().with(connection -> {
                    listening = connection;
                    connection.notificationHandler(notification -> wake(notification.getPayload()));
                    connection.closeHandler(() -> {
                        listening = null;
                        retry();
                    });
                    // Whatever committed while not listening.
                    open.values().forEach(wakes -> wakes.forEach(Runnable::run));
                }, failure -> {
                    LOG.warnf("live streams cannot listen yet: %s", failure.toString());
                    retry();
                });
    }

    private void retry() {
        if (running) {
            vertx.setTimer(RECONNECT.toMillis(), ignored -> listen());
        }
    }

    private void wake(String recipientId) {
        Set<Runnable> wakes = open.get(recipientId);
        if (wakes != null) {
            wakes.forEach(Runnable::run);
        }
    }
}
