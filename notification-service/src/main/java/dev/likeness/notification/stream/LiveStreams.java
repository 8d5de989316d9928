package dev.likeness.notification.stream;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.likeness.kit.database.ChannelListener;
import dev.likeness.kit.database.DedicatedConnections;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Wakes the open streams of a person when a notification for them commits, on any instance: one
 * connection per instance LISTENs to {@code notification_created} (a trigger NOTIFYs with the
 * recipient). A wake-up only says "look again": each stream reads what follows its last event
 * from the database, so a lost wake-up delays an event until the next one, never loses it; after
 * a reconnection every stream looks again.
 */
@ApplicationScoped
public class LiveStreams {

    private final DedicatedConnections connections;
    private final Map<String, Set<Runnable>> open = new ConcurrentHashMap<>();
    private volatile ChannelListener listener;

    LiveStreams(MeterRegistry metrics, DedicatedConnections connections) {
        this.connections = connections;
        Gauge.builder("likeness.streams.open", open, streams -> streams.values().stream().mapToInt(Set::size).sum())
                .description("Open live streams").register(metrics);
    }

    void onStart(@Observes StartupEvent event) {
        // whatever committed while not listening: every stream looks again
        listener = connections.listen("notification_created", this::wake,
                () -> open.values().forEach(wakes -> wakes.forEach(Runnable::run)));
    }

    void onStop(@Observes ShutdownEvent event) {
        ChannelListener listening = listener;
        if (listening != null) {
            listening.stop();
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

    private void wake(String recipientId) {
        Set<Runnable> wakes = open.get(recipientId);
        if (wakes != null) {
            wakes.forEach(Runnable::run);
        }
    }
}
