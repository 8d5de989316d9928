package dev.likeness.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.likeness.kit.retention.Retention;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The retention schedule (README "Retention"): rows past their time go when the kit's job runs,
 * newer ones and pending deliveries stay. Old rows are written with old times, then the job is
 * run directly, twice at once as two instances would.
 */
@QuarkusTest
class RetentionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject Retention retention;
    @Inject Pool database;
    @Inject Clock clock;
    @Inject MeterRegistry metrics;

    @Test
    void everyRuleRemovesWhatIsPastItsTimeAndKeepsTheRest() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String recipient = "retention-" + UUID.randomUUID();
        UUID yearOld = notification(recipient, 1, "DRAFT_CREATED", null, now.minusDays(366));
        UUID requestedLongAgo = notification(recipient, 2, "ACCESS_REQUESTED", "please, for my film", now.minusDays(91));
        UUID suspendedLongAgo = notification(recipient, 3, "LIKENESS_SUSPENDED", "impersonation", now.minusDays(91));
        UUID requestedLately = notification(recipient, 4, "ACCESS_REQUESTED", "for my vlog", now.minusDays(89));
        UUID endpoint = endpoint(recipient, now.minusDays(400));
        UUID deliveredLongAgo = delivery(endpoint, "DELIVERED", now.minusDays(31));
        UUID failedLongAgo = delivery(endpoint, "FAILED", now.minusDays(31));
        UUID failedLately = delivery(endpoint, "FAILED", now.minusDays(29));
        UUID pendingLongAgo = delivery(endpoint, "PENDING", null);
        String consumedLongAgo = consumed(now.minusDays(9));
        String consumedLately = consumed(now.minusDays(7));
        double counted = rows("notifications");

        var runs = Uni.combine().all().unis(retention.run(), retention.run()).asTuple().await().atMost(TIMEOUT);

        Set<String> rules = Set.of("consumed-events", "erased-persons", "notifications", "delivery-logs", "access-request-messages");
        assertEquals(rules, runs.getItem1().keySet(), "the kit's rule and the service's");
        assertEquals(rules, runs.getItem2().keySet());
        assertEquals(Set.of(requestedLongAgo, suspendedLongAgo, requestedLately),
                Set.copyOf(ids("SELECT id FROM notification WHERE recipient_id = $1", recipient)), "a year-old notification goes");
        assertNull(detail(requestedLongAgo), "the requester's message goes after 90 days, the notification stays");
        assertEquals("impersonation", detail(suspendedLongAgo), "other details stay as long as the notification");
        assertEquals("for my vlog", detail(requestedLately));
        assertEquals(Set.of(failedLately, pendingLongAgo),
                Set.copyOf(ids("SELECT id FROM webhook_delivery WHERE endpoint_id = $1", endpoint)),
                "ended deliveries go after 30 days, pending ones never");
        assertEquals(Set.of(failedLately, pendingLongAgo), Set.copyOf(ids("SELECT delivery_id AS id FROM webhook_attempt "
                + "WHERE delivery_id IN (SELECT id FROM webhook_delivery WHERE endpoint_id = $1)", endpoint)));
        assertEquals(0, count("SELECT count(*) FROM webhook_attempt WHERE delivery_id = ANY($1)",
                new UUID[] { deliveredLongAgo, failedLongAgo }), "with their attempts");
        assertEquals(List.of(consumedLately), consumedOf(List.of(consumedLongAgo, consumedLately)),
                "consumed event ids go once no redelivery can meet them");
        assertTrue(rows("notifications") >= counted + 1, "the rows are counted per rule");
    }

    private UUID notification(String recipient, long seq, String type, String detail, OffsetDateTime createdAt) {
        UUID id = UUID.randomUUID();
        execute("""
                INSERT INTO notification (id, recipient_id, seq, type, detail, created_at, in_stream)
                VALUES ($1, $2, $3, $4, $5, $6, false)""", id, recipient, seq, type, detail, createdAt);
        return id;
    }

    /** Disabled, so the dispatcher never takes its pending delivery. */
    private UUID endpoint(String owner, OffsetDateTime createdAt) {
        UUID id = UUID.randomUUID();
        execute("""
                INSERT INTO webhook_endpoint (id, owner_id, url, event_types, language, secret, disabled_at, disabled_reason,
                                              created_at, updated_at)
                VALUES ($1, $2, 'https://receiver.example/hook', '{}', 'en', 'sealed', $3, 'retention test', $3, $3)""",
                id, owner, createdAt);
        return id;
    }

    /** Created 400 days ago, with one attempt; ended when {@code finishedAt}, pending (and not due) without it. */
    private UUID delivery(UUID endpoint, String status, OffsetDateTime finishedAt) {
        UUID id = UUID.randomUUID();
        OffsetDateTime createdAt = OffsetDateTime.now(clock).minusDays(400);
        execute("""
                INSERT INTO webhook_delivery (id, endpoint_id, message_id, type, payload, status, attempts, next_attempt_at,
                                              created_at, finished_at)
                VALUES ($1, $2, $3, 'draft.created', '{}', $4, 1, $5, $6, $7)""",
                id, endpoint, "msg_" + id, status, finishedAt == null ? OffsetDateTime.now(clock).plusDays(1) : null, createdAt,
                finishedAt);
        execute("INSERT INTO webhook_attempt (delivery_id, attempted_at, response_status, duration_ms) VALUES ($1, $2, 500, 3)",
                id, finishedAt == null ? createdAt : finishedAt);
        return id;
    }

    private String consumed(OffsetDateTime at) {
        String id = UUID.randomUUID().toString();
        execute("INSERT INTO consumed_event (consumer, source, id, type, consumed_at) VALUES ($1, $2, $3, $4, $5)",
                "retention-test", "/retention-test", id, "dev.likeness.test.v1", at);
        return id;
    }

    private List<String> consumedOf(List<String> ids) {
        return database.preparedQuery("SELECT id FROM consumed_event WHERE consumer = 'retention-test' AND id = ANY($1) ORDER BY consumed_at")
                .execute(Tuple.of(ids.toArray(String[]::new))).await().atMost(TIMEOUT)
                .stream().map(row -> row.getString("id")).toList();
    }

    private String detail(UUID notification) {
        return database.preparedQuery("SELECT detail FROM notification WHERE id = $1").execute(Tuple.of(notification))
                .await().atMost(TIMEOUT).iterator().next().getString("detail");
    }

    private List<UUID> ids(String query, Object parameter) {
        return database.preparedQuery(query).execute(Tuple.of(parameter)).await().atMost(TIMEOUT)
                .stream().map(row -> row.getUUID("id")).toList();
    }

    private long count(String query, Object parameter) {
        Row row = database.preparedQuery(query).execute(Tuple.of(parameter)).await().atMost(TIMEOUT).iterator().next();
        return row.getLong(0);
    }

    private double rows(String rule) {
        var counter = metrics.find("likeness.retention.rows").tag("rule", rule).counter();
        return counter == null ? 0 : counter.count();
    }

    private void execute(String statement, Object... values) {
        database.preparedQuery(statement).execute(Tuple.from(Arrays.asList(values))).await().atMost(TIMEOUT);
    }
}
