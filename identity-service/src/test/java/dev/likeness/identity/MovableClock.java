package dev.likeness.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

/**
 * The application's clock in tests (it replaces the kit's default): the system clock, moved on
 * by {@link #advance}, so a test reaches an expiry without waiting for it. {@link ClockReset}
 * puts it back after every test.
 */
@Singleton
public class MovableClock extends Clock {

    private final Clock system = Clock.systemUTC();
    private volatile Duration offset = Duration.ZERO;

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return system.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the application's clock is UTC");
    }
}
