package dev.likeness.identity.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import io.vertx.core.Future;

/** Which failures a consumer retries (the event stays unacknowledged) and which it dead-letters. */
class FailuresTest {

    @Test
    void aPoolClosedByShutdownIsRetriedNotDeadLettered() {
        Throwable closed = Future.failedFuture("Pool closed").cause();
        assertTrue(Failures.isTransient(new RuntimeException("wrapped", closed)));
    }

    @Test
    void noFreeConnectionInTimeIsTransient() {
        assertTrue(Failures.isTransient(Future.failedFuture("Timeout").cause()));
        assertTrue(Failures.isTransient(new io.vertx.core.VertxException("Timeout waiting for connection")));
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
