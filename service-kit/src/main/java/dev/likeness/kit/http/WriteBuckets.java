package dev.likeness.kit.http;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket of writes per caller, in this instance's memory. A bucket is kept as the moment
 * it is full again: a write moves that moment one interval on, and a write that would move it
 * more than a burst past now is refused (the generic cell rate algorithm: one number per caller).
 * A full bucket is the same as none, so once a minute the first write forgets those, losing
 * nothing; and at most {@code maxPrincipals} are kept.
 *
 * <p>Time is {@link System#nanoTime()} (a supplier, so a test moves it): monotonic, so a step of
 * the wall clock can neither fill every bucket nor empty them.
 */
final class WriteBuckets {

    private static final long SWEEP_INTERVAL = Duration.ofMinutes(1).toNanos();

    /** Nanoseconds a bucket takes to win back one write, and to fill from empty. */
    record Limit(long interval, long capacity) {

        static Limit of(int writesPerMinute, int burst) {
            if (writesPerMinute < 1 || burst < 1) {
                throw new IllegalArgumentException("a write limit needs at least one write a minute and a burst of one");
            }
            long interval = Duration.ofMinutes(1).toNanos() / writesPerMinute;
            return new Limit(interval, Math.multiplyExact(interval, burst));
        }
    }

    private final ConcurrentHashMap<String, Long> fullAt = new ConcurrentHashMap<>();
    private final int maxPrincipals;
    private final LongSupplier nanoTime;
    private final AtomicLong nextSweep;

    WriteBuckets(int maxPrincipals, LongSupplier nanoTime) {
        this.maxPrincipals = maxPrincipals;
        this.nanoTime = nanoTime;
        this.nextSweep = new AtomicLong(nanoTime.getAsLong() + SWEEP_INTERVAL);
    }

    /**
     * Counts a write of {@code principal}, or refuses it: 429 with the wait until its bucket holds
     * a write again; 503 for a new caller while every bucket is taken, until the next sweep.
     */
    void take(String principal, Limit limit) {
        long now = nanoTime.getAsLong();
        sweepIfDue(now);
        if (!fullAt.containsKey(principal) && fullAt.size() >= maxPrincipals) {
            throw ProblemException.unavailable("This instance limits as many writers as it can at once; write again once "
                    + "Retry-After has passed", Duration.ofNanos(nextSweep.get() - now));
        }
        long[] wait = {0};
        fullAt.compute(principal, (key, full) -> {
            long after = (full == null || full - now < 0 ? now : full) + limit.interval();
            if (after - now > limit.capacity()) {
                wait[0] = after - now - limit.capacity();
                return full;
            }
            return after;
        });
        if (wait[0] > 0) {
            throw new ProblemException(429, "too-many-writes", "Too many writes",
                    "This caller writes faster than its limit; write again once Retry-After has passed")
                    .retryAfter(Duration.ofNanos(wait[0]));
        }
    }

    /** Forgets the buckets that are full again, once an interval, by whichever write comes first. */
    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due >= 0 && nextSweep.compareAndSet(due, now + SWEEP_INTERVAL)) {
            fullAt.values().removeIf(full -> full - now <= 0);
        }
    }
}
