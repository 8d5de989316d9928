package dev.likeness.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.likeness.kit.messaging.ConsumedEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The consumers' record of applied events is bounded: what is older than the consumed topics'
 * retention (8 days by default) is purged, what a redelivery could still meet is kept.
 */
@QuarkusTest
class ConsumedEventRetentionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject ConsumedEvents consumed;
    @Inject Pool database;

    @Test
    void recordsPastRetentionArePurgedAndTheRestKept() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String old = record(now.minusDays(9));
        String recent = record(now.minusDays(6));

        consumed.purge().await().atMost(TIMEOUT);

        assertEquals(List.of(recent), kept(List.of(old, recent)));
    }

    private String record(OffsetDateTime at) {
        String id = UUID.randomUUID().toString();
        database.preparedQuery("INSERT INTO consumed_event (consumer, source, id, type, consumed_at) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of("retention-test", "/retention-test", id, "dev.likeness.test.v1", at)).await().atMost(TIMEOUT);
        return id;
    }

    private List<String> kept(List<String> ids) {
        return database.preparedQuery("SELECT id FROM consumed_event WHERE consumer = 'retention-test' AND id = ANY($1) ORDER BY consumed_at")
                .execute(Tuple.of(ids.toArray(String[]::new))).await().atMost(TIMEOUT)
                .stream().map(row -> row.getString("id")).toList();
    }
}
