package dev.likeness.kit.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Token buckets of writes per caller, on a clock the test moves. */
class WriteBucketsTest {

    /** One write a second, five at once. */
    private static final WriteBuckets.Limit LIMIT = WriteBuckets.Limit.of(60, 5);

    private long now = 1_000_000_000L;
    private final WriteBuckets buckets = new WriteBuckets(100, () -> now);

    @Test
    void aBurstPassesThenWritesComeAtTheRate() {
        takeTimes("alice", 5);
        assertRefused("alice", Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));
        buckets.take("alice", LIMIT);
        assertRefused("alice", Duration.ofSeconds(1));
        advance(Duration.ofSeconds(3));
        takeTimes("alice", 3);
        assertRefused("alice", Duration.ofSeconds(1));
    }

    @Test
    void theWaitIsUntilOneWriteIsBackAndARefusalCostsNothing() {
        takeTimes("alice", 5);
        advance(Duration.ofMillis(300));
        assertRefused("alice", Duration.ofMillis(700));
        assertRefused("alice", Duration.ofMillis(700));
        advance(Duration.ofMillis(700));
        buckets.take("alice", LIMIT);
    }

    @Test
    void aQuietBucketHoldsNoMoreThanTheBurst() {
        takeTimes("alice", 5);
        advance(Duration.ofHours(1));
        takeTimes("alice", 5);
        assertRefused("alice", Duration.ofSeconds(1));
    }

    @Test
    void eachCallerHasABucketOfTheirOwnAndTheirLimit() {
        takeTimes("alice", 5);
        assertRefused("alice", Duration.ofSeconds(1));
        takeTimes("bob", 5);
        takeTimes("platform", 1000, WriteBuckets.Limit.of(60_000, 1000));
        assertRefused("alice", Duration.ofSeconds(1));
    }

    @Test
    void theClockMayWrapAround() {
        now = Long.MAX_VALUE - Duration.ofMillis(500).toNanos();
        takeTimes("alice", 5);
        advance(Duration.ofSeconds(1));
        buckets.take("alice", LIMIT);
        assertRefused("alice", Duration.ofSeconds(1));
    }

    @Test
    void atTheCapANewCallerWaitsForASweepToForgetABucketFullAgain() {
        WriteBuckets one = new WriteBuckets(1, () -> now);
        WriteBuckets.Limit slow = WriteBuckets.Limit.of(1, 2);
        one.take("alice", slow);
        one.take("alice", slow); // full again two minutes from now

        ProblemException full = assertThrows(ProblemException.class, () -> one.take("bob", slow));
        assertEquals(503, full.status());
        assertEquals(Duration.ofMinutes(1), full.retryAfter());
        advance(Duration.ofMinutes(1)); // the sweep is due, but alice's bucket is not full yet
        assertEquals(503, assertThrows(ProblemException.class, () -> one.take("bob", slow)).status());

        advance(Duration.ofMinutes(1)); // alice's bucket is full: the sweep forgets it
        one.take("bob", slow);
        assertEquals(503, assertThrows(ProblemException.class, () -> one.take("alice", slow)).status());
    }

    @Test
    void aLimitNeedsAWriteAMinuteAndABurstOfOne() {
        assertThrows(IllegalArgumentException.class, () -> WriteBuckets.Limit.of(0, 5));
        assertThrows(IllegalArgumentException.class, () -> WriteBuckets.Limit.of(60, 0));
    }

    private void takeTimes(String principal, int times) {
        takeTimes(principal, times, LIMIT);
    }

    private void takeTimes(String principal, int times, WriteBuckets.Limit limit) {
        for (int i = 0; i < times; i++) {
            buckets.take(principal, limit);
        }
    }

    private void assertRefused(String principal, Duration wait) {
        ProblemException refused = assertThrows(ProblemException.class, () -> buckets.take(principal, LIMIT));
        assertEquals(429, refused.status());
        assertEquals("too-many-writes", refused.code());
        assertEquals(wait, refused.retryAfter());
    }

    private void advance(Duration by) {
        now += by.toNanos();
    }
}
