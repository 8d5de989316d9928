package dev.likeness.kit.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.likeness.kit.http.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

class ExportsTest {

    private final Exports exports = new Exports(new ExportConfig() {
        @Override
        public int maxRunning() {
            return 2;
        }

        @Override
        public Duration idleTimeout() {
            return Duration.ofMinutes(5);
        }
    });

    @Test
    void aPersonStreamsOneExportAtATimeAndAnInstanceItsMaximum() {
        AssertSubscriber<Integer> first = exports.stream("ann", Multi.createFrom().items(1, 2))
                .subscribe().withSubscriber(AssertSubscriber.create(1));
        assertEquals(409, refusal(exports.stream("ann", Multi.createFrom().items(3))).status());

        exports.stream("ben", Multi.createFrom().items(4)).subscribe().withSubscriber(AssertSubscriber.create(0));
        ProblemException busy = refusal(exports.stream("cat", Multi.createFrom().items(5)));
        assertEquals(503, busy.status());

        first.request(1).assertCompleted();
        exports.stream("ann", Multi.createFrom().items(6)).subscribe().withSubscriber(AssertSubscriber.create(1))
                .assertCompleted().assertItems(6);
    }

    @Test
    void aClientGoneOrSilentGivesItsSlotBack() {
        exports.stream("ann", Multi.createFrom().items(1, 2)).subscribe().withSubscriber(AssertSubscriber.create(1)).cancel();
        Exports quick = new Exports(new ExportConfig() {
            @Override
            public int maxRunning() {
                return 1;
            }

            @Override
            public Duration idleTimeout() {
                return Duration.ofMillis(50);
            }
        });
        quick.stream("ben", Multi.createFrom().emitter(emitter -> { })).subscribe().withSubscriber(AssertSubscriber.create(1))
                .awaitFailure(Duration.ofSeconds(10));

        exports.stream("ann", Multi.createFrom().items(3)).subscribe().withSubscriber(AssertSubscriber.create(1)).assertCompleted();
        quick.stream("cat", Multi.createFrom().items(4)).subscribe().withSubscriber(AssertSubscriber.create(1)).assertCompleted();
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

    private static ProblemException refusal(Multi<Integer> export) {
        Throwable failure = export.subscribe().withSubscriber(AssertSubscriber.create(1)).assertFailedWith(ProblemException.class)
                .getFailure();
        return assertInstanceOf(ProblemException.class, failure);
    }
}
