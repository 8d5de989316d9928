package dev.likeness.consent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.ConfigOverrides;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * More registrations than connections and wait queue: the excess is refused at once with 503
 * and Retry-After, the queued ones register when connections free up, and every connection comes
 * back. Registrations of a likeness this test keeps locked hold the connections meanwhile.
 */
@QuarkusTest
@TestProfile(OverloadTest.SmallPool.class)
class OverloadTest {

    private static final int REGISTRATIONS = 10;

    @Inject Pool database;
    @Inject MeterRegistry metrics;

    @Test
    void theExcessIsRefusedAtOnceTheQueuedRegisterAndEveryConnectionReturns() throws Exception {
        UUID likeness = ConsentModelTest.likeness("alice", "EVERYONE");
        String token = Consents.check("bob", List.of(likeness), "draft").getString("consentToken");
        Consents.register("bob", List.of(likeness), token).then().statusCode(201);

        SqlConnection holder = database.getConnectionAndAwait();
        Transaction lock = holder.beginAndAwait();
        holder.preparedQuery("SELECT id FROM likeness WHERE id = $1 FOR UPDATE").executeAndAwait(Tuple.of(likeness));
        ExecutorService clients = Executors.newFixedThreadPool(REGISTRATIONS);
        List<String> draftIds = new ArrayList<>();
        List<CompletableFuture<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < REGISTRATIONS; i++) {
                String draftId = UUID.randomUUID().toString();
                draftIds.add(draftId);
                answers.add(CompletableFuture.supplyAsync(() -> Consents.register(draftId, "bob", List.of(likeness), token), clients));
            }
            // While the likeness stays locked, nothing can register: whatever answers now was refused without waiting.
            await().atMost(Duration.ofSeconds(20)).until(() -> answers.stream().filter(CompletableFuture::isDone).count()
                    >= REGISTRATIONS - 4);
            List<Response> refused = answers.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).toList();
            for (Response answer : refused) {
                answer.then().statusCode(503).contentType("application/problem+json").header("Retry-After", "1");
            }
            assertFalse(answers.stream().allMatch(CompletableFuture::isDone), "registrations wait for the locked likeness");

            lock.commitAndAwait();
            holder.closeAndAwait();
            int registered = 0;
            for (int i = 0; i < REGISTRATIONS; i++) {
                Response answer = answers.get(i).get();
                if (answer.statusCode() == 503) { // what a client does with Retry-After
                    answer = Consents.register(draftIds.get(i), "bob", List.of(likeness), token);
                }
                assertEquals(201, answer.statusCode(), answer.asString());
                registered++;
            }
            assertEquals(REGISTRATIONS, registered);
        } finally {
            clients.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> metrics.get("sql.pool.active").gauge().value() == 0);
        Consents.register("bob", List.of(likeness), token).then().statusCode(201);
        assertTrue(metrics.get("sql.pool.idle").gauge().value() > 0, "connections back in the pool");
    }

    public static class SmallPool extends ConfigOverrides {
        public SmallPool() {
            super("quarkus.datasource.reactive.max-size", "3", "likeness.database.max-wait-queue", "2");
        }
    }
}
