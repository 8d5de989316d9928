package dev.likeness.kit.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/** The statements a rule runs, and the loop that repeats a batch until one is not full. */
class RetentionRuleTest {

    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void aDeletingRuleDeletesABatchOfRowsStillPastTheCutoff() {
        RetentionRule rule = RetentionRule.deleting("logs", "logs", "why", DAY, "log", "finished_at < $1");

        assertEquals("DELETE FROM log WHERE ctid = ANY(ARRAY(SELECT ctid FROM log WHERE (finished_at < $1) LIMIT $2 "
                + "FOR UPDATE SKIP LOCKED)) AND (finished_at < $1)", rule.statement());
    }

    @Test
    void aClearingRuleOnlyPicksRowsNotClearedYet() {
        RetentionRule rule = RetentionRule.clearing("messages", "messages", "why", DAY, "request", "message",
                "status <> 'PENDING' AND decided_at < $1");

        assertEquals("UPDATE request SET message = NULL WHERE ctid = ANY(ARRAY(SELECT ctid FROM request WHERE message IS NOT NULL "
                + "AND (status <> 'PENDING' AND decided_at < $1) LIMIT $2 FOR UPDATE SKIP LOCKED)) "
                + "AND message IS NOT NULL AND (status <> 'PENDING' AND decided_at < $1)", rule.statement());
    }

    @Test
    void aRuleNeedsAPositiveDurationPlainNamesAndTheCutoff() {
        assertThrows(IllegalArgumentException.class, () -> RetentionRule.deleting("logs", "l", "w", Duration.ZERO, "log", "t < $1"));
        assertThrows(IllegalArgumentException.class, () -> RetentionRule.deleting("logs", "l", "w", DAY, "log; drop", "t < $1"));
        assertThrows(IllegalArgumentException.class, () -> RetentionRule.deleting("Logs", "l", "w", DAY, "log", "t < $1"));
        assertThrows(IllegalArgumentException.class, () -> RetentionRule.deleting("logs", "l", "w", DAY, "log", "t < now()"));
        assertThrows(IllegalArgumentException.class, () -> RetentionRule.deleting("logs", "l", "w", DAY, "log", "t < $1 LIMIT $2"));
    }

    @Test
    void batchesRepeatUntilOneIsNotFull() {
        List<Integer> counted = new ArrayList<>();

        long total = loop(List.of(100, 100, 37, 100), 100, counted);

        assertEquals(237, total);
        assertEquals(List.of(100, 100, 37), counted);
    }

    @Test
    void anEmptyBatchEndsTheLoopAtOnce() {
        List<Integer> counted = new ArrayList<>();

        assertEquals(0, loop(List.of(0, 100), 100, counted));
        assertEquals(List.of(0), counted);
    }

    @Test
    void aFullLastBatchCostsOneEmptyBatchMore() {
        List<Integer> counted = new ArrayList<>();

        assertEquals(200, loop(List.of(100, 100, 0), 100, counted));
        assertEquals(List.of(100, 100, 0), counted);
    }

    @Test
    void aFailingBatchFailsTheRuleAndKeepsWhatWasCounted() {
        List<Integer> counted = new ArrayList<>();
        Iterator<Uni<Integer>> batches = List.of(Uni.createFrom().item(100),
                Uni.createFrom().<Integer>failure(new IllegalStateException("connection lost"))).iterator();

        assertThrows(IllegalStateException.class,
                () -> Retention.untilNotFull(batches::next, 100, counted::add).await().indefinitely());
        assertEquals(List.of(100), counted);
    }

    @Test
    void manyBatchesDoNotGrowTheStack() {
        int[] left = {100_000};

        long total = Retention.untilNotFull(() -> Uni.createFrom().item(left[0]-- > 0 ? 10 : 3), 10, rows -> { })
                .await().indefinitely();

        assertEquals(1_000_003, total);
    }

    private static long loop(List<Integer> batches, int size, List<Integer> counted) {
        Iterator<Integer> next = batches.iterator();
        return Retention.untilNotFull(() -> Uni.createFrom().item(next.next()), size, counted::add).await().indefinitely();
    }
}
