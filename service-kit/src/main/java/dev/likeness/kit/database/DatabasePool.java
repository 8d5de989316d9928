package dev.likeness.kit.database;

import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;

/**
 * How requests wait for a PostgreSQL connection. In Vert.x 4.5 a waiter whose wait times out
 * just as a returned connection is handed to it is failed with "Timeout" and given the
 * connection too, which then never returns to the pool (eclipse-vertx/vert.x#6169). Under
 * overload every connection went that way, and the service refused everything until restarted.
 * So nothing times out inside the pool: its wait queue is bounded instead, and a request that
 * finds it full is refused at once with 503 and {@code Retry-After}.
 */
@Singleton
public class DatabasePool implements PgPoolCreator {

    private final int maxWaitQueue;

    DatabasePool(DatabaseConfig config) {
        this.maxWaitQueue = config.maxWaitQueue();
    }

    @Override
    public Pool create(Input input) {
        PoolOptions options = new PoolOptions(input.poolOptions()).setConnectionTimeout(0).setMaxWaitQueueSize(maxWaitQueue);
        return PgBuilder.pool().with(options).connectingTo(List.<SqlConnectOptions>copyOf(input.pgConnectOptionsList())).using(input.vertx()).build();
    }
}
