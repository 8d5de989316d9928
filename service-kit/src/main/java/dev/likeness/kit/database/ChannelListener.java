package dev.likeness.kit.database;

import java.time.Duration;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;

/**
 * LISTENs to a PostgreSQL channel on a dedicated connection and, when that connection is lost,
 * listens again a second later. A payload notified while nobody listened is never heard, so
 * {@code onListening} runs after each (re)connection for the caller to catch up.
 */
public final class ChannelListener {

    private static final Logger LOG = Logger.getLogger(ChannelListener.class);
    private static final Duration RECONNECT = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final DedicatedConnections connections;
    private final String channel;
    private final Consumer<String> onPayload;
    private final Runnable onListening;
    private volatile boolean running = true;
    private volatile PgConnection connection;

    ChannelListener(Vertx vertx, DedicatedConnections connections, String channel, Consumer<String> onPayload, Runnable onListening) {
        this.vertx = vertx;
        this.connections = connections;
        this.channel = channel;
        this.onPayload = onPayload;
        this.onListening = onListening;
        listen();
    }

    /** True while every payload notified on the channel reaches this instance. */
    public boolean listening() {
        return connection != null;
    }

    public void stop() {
        running = false;
        PgConnection listened = connection;
        connection = null;
        if (listened != null) {
            listened.closeAndForget();
        }
    }

    private void listen() {
        connections.open()
                .call(opened -> {
                    opened.notificationHandler(notification -> onPayload.accept(notification.getPayload()));
                    return opened.query("LISTEN " + channel).execute();
                })
                .subscribe().with(opened -> {
                    opened.closeHandler(() -> {
                        connection = null;
                        retry();
                    });
                    if (!running) {
                        opened.closeAndForget();
                        return;
                    }
                    onListening.run();
                    connection = opened;
                }, failure -> {
                    LOG.warnf("cannot listen to %s yet: %s", channel, failure.toString());
                    retry();
                });
    }

    private void retry() {
        if (running) {
            vertx.setTimer(RECONNECT.toMillis(), ignored -> listen());
        }
    }
}
