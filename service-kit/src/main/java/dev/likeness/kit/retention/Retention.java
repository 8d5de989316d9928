package dev.likeness.kit.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies the service's retention schedule: every {@link RetentionRule} bean, one after the
 * other, each in batches of {@code likeness.retention.batch-size} rows repeated until a batch is
 * not full, every {@code likeness.retention.interval} on every instance (the statements let
 * instances run a rule at once). Rows removed or cleared are counted per rule in
 * {@code likeness.retention.rows}. A rule that fails does not stop the others; the run then fails
 * with its error and the next run tries again. Tests call {@link #run()}.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    @Inject Pool database;
    @Inject Clock clock;
    @Inject RetentionConfig config;
    @Inject MeterRegistry metrics;
    @Inject @Any Instance<RetentionRule> rules;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @Scheduled(every = "${likeness.retention.interval:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().replaceWithVoid();
    }

    /** Applies every rule now, with cutoffs from the clock; the rows each removed or cleared, by name. */
    public Uni<Map<String, Long>> run() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<RetentionRule> all = rules.stream().sorted(Comparator.comparing(RetentionRule::name)).toList();
        Map<String, Long> done = new LinkedHashMap<>();
        List<Throwable> failures = new ArrayList<>();
        return Multi.createFrom().iterable(all)
                .onItem().transformToUniAndConcatenate(rule -> apply(rule, now.minus(rule.keep()))
                        .invoke(rows -> done.put(rule.name(), rows))
                        .onFailure().recoverWithItem(failure -> {
                            LOG.errorf(failure, "Retention rule %s (%s) failed; the next run tries again", rule.name(), rule.what());
                            failures.add(failure);
                            return 0L;
                        }))
                .collect().last()
                .map(ignored -> {
                    if (!failures.isEmpty()) {
                        RetentionFailed failed = new RetentionFailed(failures.get(0));
                        failures.stream().skip(1).forEach(failed::addSuppressed);
                        throw failed;
                    }
                    return done;
                });
    }

    private Uni<Long> apply(RetentionRule rule, OffsetDateTime cutoff) {
        String statement = rule.statement();
        int size = config.batchSize();
        Counter counter = counters.computeIfAbsent(rule.name(), name -> Counter.builder("likeness.retention.rows")
                .description("Rows deleted, or cleared, past their retention")
                .tag("rule", name)
                .register(metrics));
        return untilNotFull(() -> database.preparedQuery(statement).execute(Tuple.of(cutoff, size)).map(rows -> rows.rowCount()),
                size, counter::increment)
                .invoke(rows -> {
                    if (rows > 0) {
                        LOG.infof("Retention %s: %s %d row(s) of %s (%s) older than %s, kept %s: %s", rule.name(),
                                rule.deletes() ? "deleted" : "cleared " + rule.column() + " in", rows, rule.table(), rule.what(),
                                cutoff, days(rule.keep()), rule.why());
                    }
                });
    }

    private static String days(Duration keep) {
        return keep.toSeconds() % 86_400 == 0 ? keep.toDays() + "d" : keep.toString();
    }

    /**
     * Runs {@code batch} until it changes fewer than {@code size} rows; each batch's count goes to
     * {@code done} as it completes (a later batch's failure keeps it); the total.
     */
    static Uni<Long> untilNotFull(Supplier<Uni<Integer>> batch, int size, IntConsumer done) {
        return Multi.createBy().repeating().uni(() -> batch.get().invoke(done::accept)).whilst(rows -> rows >= size)
                .collect().with(Collectors.summingLong(Integer::longValue));
    }

    /** A run in which at least one rule failed (the others were applied). */
    public static class RetentionFailed extends RuntimeException {
        RetentionFailed(Throwable cause) {
            super("A retention rule failed: " + cause.getMessage(), cause);
        }
    }
}
