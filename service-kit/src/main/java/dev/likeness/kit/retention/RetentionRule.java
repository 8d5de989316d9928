package dev.likeness.kit.retention;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One line of a service's retention schedule: what is kept, why, and for how long; past that,
 * the rows are deleted, or one column of them (free text someone wrote) is set to {@code NULL}
 * while the record stays. A service declares each of its rules as a CDI bean (a
 * {@code @Produces @Singleton} method) and {@link Retention} applies them all.
 *
 * <p>{@code expired} is an SQL condition on the table's rows in which {@code $1} is the cutoff,
 * {@code now − keep} computed from the injected clock (never {@code now()} in SQL, so tests move
 * time), e.g. {@code "created_at < $1"} or {@code "status <> 'PENDING' AND finished_at < $1"}.
 * The statement is built here, a batch of at most {@code $2} rows at a time:
 *
 * <pre>
 * DELETE FROM t WHERE ctid = ANY(ARRAY(
 *     SELECT ctid FROM t WHERE (expired) LIMIT $2 FOR UPDATE SKIP LOCKED)) AND (expired)
 * </pre>
 *
 * Each batch is a statement, a transaction, of its own. The condition is written twice on
 * purpose: a row changed by another transaction between the batch's choice and its removal is
 * judged again as it now is (a retried webhook delivery pending again is not deleted). Rows
 * another transaction holds, another instance applying the same rule included, are skipped and
 * left for the next run, so instances running a rule at once share the work and never wait on
 * each other. A clearing rule only picks rows whose column is not yet {@code NULL}: every batch
 * makes progress and a second pass changes nothing.
 *
 * @param name   the rule's name: its configuration key {@code likeness.retention.<name>}, the
 *               tag of the rows counter, the logs
 * @param what   what the rows are, in a few words (logs, README)
 * @param why    why they are kept that long, in a sentence
 * @param keep   how long they are kept, from the configuration
 * @param table  the table
 * @param column the column set to {@code NULL}, or {@code null} for a rule that deletes rows
 */
public record RetentionRule(String name, String what, String why, Duration keep, String table, String column, String expired) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    public RetentionRule {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(expired, "expired");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a rule's name is a configuration key's last part: " + name);
        }
        if (keep == null || keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("rule " + name + " keeps its rows for a positive duration, not " + keep);
        }
        if (table == null || !IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException("rule " + name + ": not a table name: " + table);
        }
        if (column != null && !IDENTIFIER.matcher(column).matches()) {
            throw new IllegalArgumentException("rule " + name + ": not a column name: " + column);
        }
        if (!expired.contains("$1") || expired.contains("$2")) {
            throw new IllegalArgumentException("rule " + name + ": the condition compares with the cutoff $1 and nothing else: "
                    + expired);
        }
    }

    /** Rows of {@code table} for which {@code expired} holds are deleted. */
    public static RetentionRule deleting(String name, String what, String why, Duration keep, String table, String expired) {
        return new RetentionRule(name, what, why, keep, table, null, expired);
    }

    /** {@code column} is set to {@code NULL} in the rows of {@code table} for which {@code expired} holds; the rows stay. */
    public static RetentionRule clearing(String name, String what, String why, Duration keep, String table, String column,
                                         String expired) {
        return new RetentionRule(name, what, why, keep, table, Objects.requireNonNull(column, "column"), expired);
    }

    /** Whether the rule deletes rows (else it clears a column). */
    public boolean deletes() {
        return column == null;
    }

    /** One batch: {@code $1} the cutoff, {@code $2} the most rows it changes; its row count is how many it did. */
    public String statement() {
        String condition = deletes() ? "(" + expired + ")" : column + " IS NOT NULL AND (" + expired + ")";
        String batch = "ctid = ANY(ARRAY(SELECT ctid FROM " + table + " WHERE " + condition + " LIMIT $2 FOR UPDATE SKIP LOCKED))";
        return deletes()
                ? "DELETE FROM " + table + " WHERE " + batch + " AND " + condition
                : "UPDATE " + table + " SET " + column + " = NULL WHERE " + batch + " AND " + condition;
    }
}
