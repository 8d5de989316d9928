package dev.likeness.identity.capture;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.likeness.kit.http.ProblemException;

/**
 * Bounds the verifications one instance runs ({@code likeness.capture.concurrent-verifications})
 * and the captures that may wait for one, uploading or queued
 * ({@code likeness.capture.queued-verifications}); past that a capture is refused before its body
 * is read (503, Retry-After), so a burst of uploads costs neither memory nor disk.
 */
@ApplicationScoped
public class VerificationSlots {

    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final Semaphore admitted;
    private final Semaphore running;

    @Inject
    VerificationSlots(CaptureConfig config) {
        this(config.concurrentVerifications(), config.queuedVerifications());
    }

    VerificationSlots(int concurrent, int queued) {
        this.admitted = new Semaphore(concurrent + queued);
        this.running = new Semaphore(concurrent, true);
    }

    /** A place for one capture, or 503 when every place is taken. Close it when the capture is done. */
    public Slot admit() {
        if (!admitted.tryAcquire()) {
            throw new ProblemException(503, "verification-busy", "Verification busy",
                    "Every verification place of this instance is taken; send the capture again once Retry-After has passed")
                    .retryAfter(RETRY_AFTER);
        }
        return new Slot();
    }

    public final class Slot implements AutoCloseable {

        private boolean closed;

        private Slot() {
        }

        /** Runs the verification once one of the concurrent places is free, waiting in arrival order. */
        public <T> T verify(Supplier<T> verification) {
            running.acquireUninterruptibly();
            try {
                return verification.get();
            } finally {
                running.release();
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                admitted.release();
            }
        }
    }
}
