package dev.likeness.kit.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.likeness.kit.http.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

class ExportsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);

    private final Exports exports = exports(2, Duration.ofMinutes(5));

    @Test
    void aPersonStreamsOneExportAtATimeAndAnInstanceItsMaximum() {
        AssertSubscriber<String> first = export(exports, "ann", "1", "2").subscribe().withSubscriber(AssertSubscriber.create(2));
        assertEquals(409, refusal(export(exports, "ann", "3")).status());

        export(exports, "ben", "4").subscribe().withSubscriber(AssertSubscriber.create(0));
        ProblemException busy = refusal(export(exports, "cat", "5"));
        assertEquals(503, busy.status());

        first.request(1).assertCompleted();
        export(exports, "ann", "6").subscribe().withSubscriber(AssertSubscriber.create(2))
                .assertCompleted().assertItems("test-service ann 2026-12-06T12:00Z", "6");
    }

    @Test
    void aClientGoneOrSilentGivesItsSlotBack() {
        export(exports, "ann", "1", "2").subscribe().withSubscriber(AssertSubscriber.create(1)).cancel();
        Exports quick = exports(1, Duration.ofMillis(50));
        quick.stream("ben", Object::toString, Multi.createFrom().<String>emitter(emitter -> { }))
                .subscribe().withSubscriber(AssertSubscriber.create(1)).awaitFailure(Duration.ofSeconds(10));

        export(exports, "ann", "3").subscribe().withSubscriber(AssertSubscriber.create(2)).assertCompleted();
        export(quick, "cat", "4").subscribe().withSubscriber(AssertSubscriber.create(2)).assertCompleted();
    }

    @Test
    void aListIsReadAPageAtATimeAndOnlyWhenTheClientTakesIt() {
        List<Integer> rows = List.of(9, 8, 7, 6, 5);
        List<Integer> readAfter = new ArrayList<>();
        Multi<Integer> paged = Exports.paged((Integer after) -> {
            readAfter.add(after);
            return Uni.createFrom().item(rows.stream().filter(row -> after == null || row < after).limit(2).toList());
        }, row -> row);

        AssertSubscriber<Integer> client = paged.subscribe().withSubscriber(AssertSubscriber.create(1));
        assertEquals(1, readAfter.size(), "one page read for the first item");
        client.request(10).assertCompleted().assertItems(9, 8, 7, 6, 5);
        assertEquals(java.util.Arrays.asList(null, 8, 6, 5), readAfter, "each page after the last row of the one before, until one is empty");
    }

    /** An export of {@code records}, its first record the about of this service and person, as text. */
    private static Multi<String> export(Exports exports, String person, String... records) {
        return exports.stream(person, about -> about.service() + " " + about.subjectId() + " " + about.exportedAt(),
                Multi.createFrom().items(records));
    }

    private static Exports exports(int maxRunning, Duration idleTimeout) {
        return new Exports(new ExportConfig() {
            @Override
            public int maxRunning() {
                return maxRunning;
            }

            @Override
            public Duration idleTimeout() {
                return idleTimeout;
            }
        }, "test-service", CLOCK);
    }

    private static ProblemException refusal(Multi<String> export) {
        Throwable failure = export.subscribe().withSubscriber(AssertSubscriber.create(1)).assertFailedWith(ProblemException.class)
                .getFailure();
        return assertInstanceOf(ProblemException.class, failure);
    }
}
