package dev.likeness.consent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A repeated check is answered from this instance's cache, and every change empties it: this
 * instance's own before it is answered, anybody's through a PostgreSQL notification, and all of
 * it when the listener reconnects; what cannot change an answer (a draft's ledger entry, a use of
 * a grant without a maximum) keeps it. The database writes below stand for another instance.
 */
@QuarkusTest
class CheckCacheTest {

    private static final Duration NOTIFIED = Duration.ofSeconds(10);

    @Inject MeterRegistry metrics;
    @Inject Pool database;

    @Test
    void aChangeAnsweredHereIsSeenByTheNextCheckHere() {
        for (int round = 0; round < 10; round++) {
            UUID likeness = ConsentModelTest.likeness("alice", "APPROVED");
            String grant = Consents.grant("alice", likeness, "bob", "[\"draft\"]");
            assertTrue(allowed(likeness));
            assertTrue(allowed(likeness));
            Consents.revoke("alice", likeness, grant);
            JsonPath answer = Consents.check("bob", List.of(likeness), "draft");
            assertEquals(false, answer.getBoolean("allowed"), "round " + round);
            assertEquals("not-permitted", answer.getString("decisions[0].reason"));
        }
    }

    @Test
    void aChangeCommittedElsewhereReachesTheChecksThroughTheNotification() {
        UUID likeness = cachedGrant();
        database.preparedQuery("UPDATE consent_grant SET revoked_at = now() WHERE likeness_id = $1")
                .executeAndAwait(Tuple.of(likeness));
        await().atMost(NOTIFIED).until(() -> !allowed(likeness));
    }

    @Test
    void whatChangedWhileNobodyListenedIsForgottenOnReconnection() {
        UUID likeness = cachedGrant();
        // The revoke commits after the listener's connection is gone: its notification reaches nobody.
        database.withTransaction(sql -> sql.query("""
                                SELECT pg_terminate_backend(pid, 10000) AS gone FROM pg_stat_activity
                                WHERE query = 'LISTEN consent_scene' AND datname = current_database()""").execute()
                        .invoke(rows -> assertEquals(1, rows.size(), "one listener per instance"))
                        .chain(() -> sql.preparedQuery("UPDATE consent_grant SET revoked_at = now() WHERE likeness_id = $1")
                                .execute(Tuple.of(likeness))))
                .await().indefinitely();
        await().atMost(NOTIFIED).until(() -> !allowed(likeness));
        await().atMost(NOTIFIED).until(() -> metrics.get("likeness.check.cache.listening").gauge().value() == 1);
    }

    @Test
    void draftsOnAGrantWithoutAMaximumLeaveItsChecksCached() {
        UUID likeness = cachedGrant();
        for (int draft = 0; draft < 3; draft++) {
            String token = Consents.check("bob", List.of(likeness), "draft").getString("consentToken");
            Consents.register("bob", List.of(likeness), token).then().statusCode(201);
        }
        // A notification sent after the drafts committed arrives after any of theirs: once it is heard, theirs were.
        UUID marker = cachedGrant();
        database.preparedQuery("SELECT pg_notify('consent_scene', $1)").executeAndAwait(Tuple.of(marker.toString()));
        await().atMost(NOTIFIED).until(() -> {
            double hits = hits();
            allowed(marker);
            return hits() == hits;
        });
        double hits = hits();
        assertTrue(allowed(likeness));
        assertEquals(hits + 1, hits(), "the drafts' ledger entries and use counts did not empty the cache");
    }

    /** A likeness bob may feature, whose checks are answered from the cache. */
    private UUID cachedGrant() {
        UUID likeness = ConsentModelTest.likeness("alice", "APPROVED");
        Consents.grant("alice", likeness, "bob", "[\"draft\"]");
        // Until the grant's own notification has arrived, it may empty the cache once more.
        await().atMost(NOTIFIED).until(() -> {
            double hits = hits();
            assertTrue(allowed(likeness));
            return hits() == hits + 1;
        });
        return likeness;
    }

    private static boolean allowed(UUID likeness) {
        return Consents.check("bob", List.of(likeness), "draft").getBoolean("allowed");
    }

    private double hits() {
        return metrics.get("likeness.check.cache").tag("result", "hit").counter().count();
    }
}
