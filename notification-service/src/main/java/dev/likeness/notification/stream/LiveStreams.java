package dev.likeness.notification.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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
    private final int maxPerRecipient;
    /** Per recipient, each open stream's wake-up and its close, oldest first; read and changed only in the map's compute methods. */
    private final Map<String, LinkedHashMap<Runnable, Runnable>> open = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger unsent = new AtomicInteger();
    private volatile ChannelListener listener;

    LiveStreams(MeterRegistry metrics, DedicatedConnections connections, StreamConfig config) {
        this.connections = connections;
        this.maxPerRecipient = config.maxPerRecipient();
        Gauge.builder("likeness.streams.open", count, AtomicInteger::get).description("Open live streams").register(metrics);
        Gauge.builder("likeness.streams.unsent", unsent, AtomicInteger::get)
                .description("Events open streams hold that their clients have not taken yet").register(metrics);
    }

    void onStart(@Observes StartupEvent event) {
        // whatever committed while not listening: every stream looks again
        listener = connections.listen("notification_created", this::wake, () -> open.keySet().forEach(this::wake));
    }

    void onStop(@Observes ShutdownEvent event) {
        ChannelListener listening = listener;
        if (listening != null) {
            listening.stop();
        }
    }

    /**
     * Adds a stream of the recipient; past {@code likeness.stream.max-per-recipient} the oldest of
     * theirs is closed (its client may reconnect with Last-Event-ID), so nobody holds more.
     */
    public void subscribe(String recipientId, Runnable wake, Runnable close) {
        Runnable[] oldest = {null};
        open.compute(recipientId, (id, streams) -> {
            LinkedHashMap<Runnable, Runnable> theirs = streams == null ? new LinkedHashMap<>() : streams;
            theirs.put(wake, close);
            if (theirs.size() > maxPerRecipient) {
                Runnable first = theirs.keySet().iterator().next();
                oldest[0] = theirs.remove(first);
            } else {
                count.incrementAndGet();
            }
            return theirs;
        });
        if (oldest[0] != null) {
            oldest[0].run();
        }
    }

    public void unsubscribe(String recipientId, Runnable wake) {
        open.computeIfPresent(recipientId, (id, streams) -> {
            if (streams.remove(wake) != null) {
                count.decrementAndGet();
            }
            return streams.isEmpty() ? null : streams;
        });
    }

    /** Counts events that streams hold for their clients, across this instance's streams. */
    public void unsent(int change) {
        unsent.addAndGet(change);
    }

    private void wake(String recipientId) {
        List<Runnable> wakes = new ArrayList<>();
        open.computeIfPresent(recipientId, (id, streams) -> {
            wakes.addAll(streams.keySet());
            return streams;
        });
        wakes.forEach(Runnable::run);
    }
}
