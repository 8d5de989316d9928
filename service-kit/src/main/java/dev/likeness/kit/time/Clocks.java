package dev.likeness.kit.time;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * Where the current time comes from: inject {@link Clock} rather than asking the system, so a
 * test can replace it (any other {@code Clock} bean wins over this default) and move time
 * instead of waiting for it.
 */
@Singleton
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Now to the microsecond, as PostgreSQL keeps it: the value written is the value read back. */
    public static OffsetDateTime micros(Clock clock) {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
