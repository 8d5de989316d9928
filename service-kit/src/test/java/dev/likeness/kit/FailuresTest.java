package dev.likeness.kit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import io.vertx.core.Future;
import io.vertx.core.http.ConnectionPoolTooBusyException;

/** Which failures a consumer retries (the event stays unacknowledged) and which it dead-letters. */
class FailuresTest {

    @Test
    void aPoolClosedByShutdownIsRetriedNotDeadLettered() {
        Throwable closed = Future.failedFuture("Pool closed").cause();
        assertTrue(Failures.isTransient(new RuntimeException("wrapped", closed)));
    }

    @Test
    void aFullWaitQueueIsAnOverloadAndTransient() {
        Throwable full = new RuntimeException(new ConnectionPoolTooBusyException("Connection pool reached max wait queue size of 200"));
        assertTrue(Failures.isOverload(full));
        assertTrue(Failures.isTransient(full));
        assertFalse(Failures.isOverload(new RuntimeException(new ConnectException("refused"))));
    }

    @Test
    void anUnreachableDatabaseIsTransient() {
        assertTrue(Failures.isTransient(new RuntimeException(new ConnectException("refused"))));
    }

    @Test
    void aBugIsNot() {
        assertFalse(Failures.isTransient(new IllegalArgumentException("bad")));
        assertFalse(Failures.isTransient(Future.failedFuture("something else").cause()));
    }
}
