package dev.likeness.kit.database;

import java.util.function.Consumer;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Connections of one's own, outside the pool, opened with the datasource's settings: what
 * {@code LISTEN} and session-level advisory locks need, since a pooled connection would drop
 * them when returned.
 */
@Singleton
public class DedicatedConnections {

    private final Vertx vertx;
    private final PgConnectOptions database;

    DedicatedConnections(Vertx vertx,
                         @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                         @ConfigProperty(name = "quarkus.datasource.username") String user,
                         @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.database = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", "")).setUser(user).setPassword(password);
    }

    public Uni<PgConnection> open() {
        return PgConnection.connect(vertx, database);
    }

    /**
     * A connection of its own holding the session advisory lock {@code name}, or null (and no
     * connection) while another session holds it: one instance at a time does what the lock
     * guards, until it closes the connection or dies.
     */
    public Uni<PgConnection> holding(String name) {
        return open().chain(connection -> connection.preparedQuery("SELECT pg_try_advisory_lock(hashtext($1))")
                .execute(Tuple.of(name))
                .map(rows -> rows.iterator().next().getBoolean(0))
                .onFailure().call(connection::close)
                .chain(locked -> locked ? Uni.createFrom().item(connection) : connection.close().replaceWith((PgConnection) null)));
    }

    /** Listens to {@code channel} until stopped, reconnecting when the connection is lost: see {@link ChannelListener}. */
    public ChannelListener listen(String channel, Consumer<String> onPayload, Runnable onListening) {
        return new ChannelListener(vertx, this, channel, onPayload, onListening);
    }
}
