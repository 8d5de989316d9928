package dev.likeness.identity.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.likeness.kit.http.ProblemException;

class VerificationSlotsTest {

    @Test
    void capturesPastTheRunningAndQueuedPlacesAreRefusedWithRetryAfter() {
        VerificationSlots slots = new VerificationSlots(1, 1);
        try (VerificationSlots.Slot running = slots.admit(); VerificationSlots.Slot queued = slots.admit()) {
            ProblemException busy = assertThrows(ProblemException.class, slots::admit);
            assertEquals(503, busy.status());
            assertEquals("verification-busy", busy.code());
            assertEquals(VerificationSlots.RETRY_AFTER, busy.retryAfter());
        }
        slots.admit().close();
    }

    @Test
    void admittedCapturesVerifyAtMostConcurrentAtOnce() throws Exception {
        VerificationSlots slots = new VerificationSlots(2, 4);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch admitted = new CountDownLatch(6);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            Future<?>[] verifications = new Future<?>[6];
            for (int i = 0; i < 6; i++) {
                verifications[i] = pool.submit(() -> {
                    try (VerificationSlots.Slot slot = slots.admit()) {
                        admitted.countDown();
                        admitted.await();
                        return slot.verify(() -> {
                            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            Thread.yield();
                            return inside.decrementAndGet();
                        });
                    }
                });
            }
            for (Future<?> verification : verifications) {
                verification.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(most.get() <= 2, "at most two verifications ran at once, saw " + most.get());
    }
}
