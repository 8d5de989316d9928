package dev.likeness.consent;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A revocation racing a draft registration: whichever commits first, the outcome is one a
 * serial order explains, and once the revoke is answered the token never registers again.
 */
@QuarkusTest
class RevocationRaceTest {

    private static final int ROUNDS = 24;

    @Test
    void aRevocationRacingARegistrationIsNeverLostAndAlwaysWinsOnceAnswered() throws Exception {
        String alice = Tokens.user("alice");
        int registeredFirst = 0;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                UUID alices = ConsentModelTest.likeness("alice", "APPROVED");
                String grantId = Consents.grant("alice", alices, "bob", "[\"draft\"]");
                String token = Consents.check("bob", List.of(alices), "draft").getString("consentToken");
                CountDownLatch start = new CountDownLatch(1);
                CompletableFuture<Integer> revoke = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return given().auth().oauth2(alice).delete("/v1/likenesses/{id}/grants/{g}", alices, grantId).statusCode();
                }, pool);
                CompletableFuture<Integer> register = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return Consents.register("bob", List.of(alices), token).statusCode();
                }, pool);
                start.countDown();
                assertEquals(200, revoke.get(), "the revoke is always answered");
                int registered = register.get();
                assertTrue(registered == 201 || registered == 409, "registration answered " + registered);

                List<String> ledger = Consents.ledger("alice", alices).getList("entries.type");
                if (registered == 201) {
                    registeredFirst++;
                    assertEquals(List.of("draft.registered", "grant.revoked"), ledger.subList(3, 5),
                            "a registration that succeeded committed before the revoke");
                } else {
                    assertEquals(List.of("grant.revoked"), ledger.subList(3, ledger.size()),
                            "a refused registration left no trace");
                }
                Consents.register("bob", List.of(alices), token).then().statusCode(409);
                JsonPath drafts = given().auth().oauth2(alice).get("/v1/likenesses/{id}/drafts", alices).then().extract().jsonPath();
                assertEquals(registered == 201 ? 1 : 0, drafts.getList("drafts").size(), "drafts registered with the token");
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("revocation race: %d of %d registrations committed before the revoke%n", registeredFirst, ROUNDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
