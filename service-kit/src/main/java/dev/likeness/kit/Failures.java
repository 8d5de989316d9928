package dev.likeness.kit;

import java.net.ConnectException;
import java.util.Set;

import io.vertx.pgclient.PgException;

/**
 * Tells passing infrastructure failures (database or broker unreachable, a serialisation
 * conflict) from the rest: requests answer them with 503 and consumers retry them, while any
 * other failure is a bug or a bad input.
 */
public final class Failures {

    /** SQLSTATE classes and codes worth a retry: connection, serialisation, deadlock, shutdown, resources. */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "57P01", "57P02", "57P03");
    /** What the reactive pool fails with when it is closed (the service stops). */
    private static final Set<String> POOL_STATES = Set.of("Pool closed");

    private Failures() {
    }

    /**
     * PostgreSQL refused a value the request carried (SQLSTATE class 22, data exception: a
     * character it cannot store, a number or date out of its range): the client's fault, not a bug.
     */
    public static boolean isRefusedValue(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            String state = cause instanceof PgException pg ? pg.getSqlState()
                    : cause instanceof java.sql.SQLException sql ? sql.getSQLState() : null;
            if (state != null && state.startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    /** Every database connection busy and the wait queue full (DatabasePool): retry in a moment. */
    public static boolean isOverload(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
                return true;
            }
        }
        return false;
    }

    public static boolean isTransient(Throwable failure) {
        if (isOverload(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof java.nio.channels.ClosedChannelException
                    || cause instanceof io.netty.channel.ConnectTimeoutException
                    || cause instanceof io.vertx.sqlclient.ClosedConnectionException
                    || cause instanceof org.apache.kafka.common.errors.RetriableException) {
                return true;
            }
            // The pool closing as the service stops: what was under way comes again after the restart.
            if ((cause instanceof io.vertx.core.impl.NoStackTraceThrowable || cause instanceof io.vertx.core.VertxException)
                    && POOL_STATES.contains(cause.getMessage())) {
                return true;
            }
            if (cause instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("53")
                    || TRANSIENT_STATES.contains(pg.getSqlState()))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
