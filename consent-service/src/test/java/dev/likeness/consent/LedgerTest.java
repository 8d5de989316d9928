package dev.likeness.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Every consent-relevant change is chained in the likeness' ledger; tampering shows; receipts describe grants. */
@QuarkusTest
class LedgerTest {

    /** Tampering as someone with the database could: a well-formed sealed data of another entry copied over one. */
    private static final String MOVE_DATA = """
            UPDATE ledger_entry SET data = (SELECT data FROM ledger_entry WHERE likeness_id = $1 AND seq = %d)
            WHERE likeness_id = $1 AND seq = %d""";

    @Inject Pool database;

    @Test
    void everyChangeIsChainedInOrderAndReadableByTheOwnerAndTrustAndSafety() {
        UUID alices = ConsentModelTest.likeness("alice", "APPROVED");
        String grantId = Consents.grant("alice", alices, "bob", "[\"draft\"]");
        Consents.restrictions("alice", alices, "{\"forbiddenTags\": [\"sexual\"]}");
        Consents.block("alice", alices, "carol");
        String token = Consents.check("bob", List.of(alices), "draft").getString("consentToken");
        Consents.register("bob", List.of(alices), token).then().statusCode(201);
        Consents.revoke("alice", alices, grantId);

        JsonPath ledger = Consents.ledger("alice", alices);
        assertEquals(List.of("likeness.verified", "audience.changed", "grant.created", "restrictions.changed", "block.added",
                "draft.registered", "grant.revoked"), ledger.getList("entries.type"));
        assertEquals(true, ledger.getBoolean("verification.valid"));
        List<String> hashes = ledger.getList("entries.hash");
        List<String> previous = ledger.getList("entries.prevHash");
        assertEquals(null, previous.get(0));
        for (int i = 1; i < hashes.size(); i++) {
            assertEquals(hashes.get(i - 1), previous.get(i), "entry " + (i + 1) + " chains to the one before");
        }
        assertEquals(hashes.get(hashes.size() - 1), ledger.getString("verification.head"));
        assertEquals(grantId, ledger.getString("entries[2].data.grantId"));
        assertEquals(Tokens.userId("alice"), ledger.getString("entries[1].actor"));
        assertEquals("platform:" + Tokens.claim(Tokens.platform(), "azp"), ledger.getString("entries[5].actor"));

        given().auth().oauth2(Tokens.user("dana")).get("/v1/likenesses/{id}/ledger", alices).then().statusCode(200)
                .body("verification.valid", is(true));
        given().auth().oauth2(Tokens.user("bob")).get("/v1/likenesses/{id}/ledger", alices).then().statusCode(404);
        given().auth().oauth2(Tokens.platform()).get("/v1/likenesses/{id}/ledger", alices).then().statusCode(403);
    }

    @Test
    void theLedgerIsReadInPagesNewestFirstEachVerifiedWithItsNeighbours() {
        UUID likeness = ConsentModelTest.likeness("alice", "APPROVED");
        for (String audience : List.of("EVERYONE", "MUTUALS", "ONLY_ME", "APPROVED", "EVERYONE")) {
            Consents.audience("alice", likeness, audience);
        }
        List<Long> seen = new ArrayList<>();
        String next = "/v1/likenesses/" + likeness + "/ledger?limit=3";
        List<List<Long>> pages = new ArrayList<>();
        while (next != null) {
            var page = given().auth().oauth2(Tokens.user("alice")).get(next).then().statusCode(200)
                    .body("verification.valid", is(true)).extract();
            List<Long> seqs = page.jsonPath().getList("entries.seq", Long.class);
            pages.add(seqs);
            seen.addAll(0, seqs);
            String link = page.header("Link");
            next = link == null ? null : link.replaceAll("^<([^>]+)>; rel=\"next\"$", "$1");
        }
        assertEquals(List.of(List.of(5L, 6L, 7L), List.of(2L, 3L, 4L), List.of(1L)), pages);
        assertEquals(LongStream.rangeClosed(1, 7).boxed().toList(), seen);

        // Entry 4 (to MUTUALS) given entry 3's sealed data (to EVERYONE): the page holding it shows it, the newer page still verifies.
        sql(MOVE_DATA.formatted(3, 4), likeness);
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/ledger?limit=3", likeness).then()
                .body("verification.valid", is(true));
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/ledger?limit=3&before=5", likeness).then()
                .body("verification.valid", is(false)).body("verification.problem", containsString("altered"));
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/ledger?limit=501", likeness).then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void alteringRemovingOrTruncatingAStoredEntryIsDetected() {
        UUID altered = ConsentModelTest.likeness("alice", "APPROVED");
        Consents.audience("alice", altered, "EVERYONE");
        sql(MOVE_DATA.formatted(2, 3), altered);
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/ledger", altered).then()
                .body("verification.valid", is(false)).body("verification.brokenAt", is(3))
                .body("verification.problem", containsString("altered"));

        UUID removed = ConsentModelTest.likeness("alice", "APPROVED");
        Consents.audience("alice", removed, "EVERYONE");
        sql("DELETE FROM ledger_entry WHERE likeness_id = $1 AND seq = 2", removed);
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/ledger", removed).then()
                .body("verification.valid", is(false)).body("verification.brokenAt", is(2));

        UUID truncated = ConsentModelTest.likeness("alice", "APPROVED");
        Consents.audience("alice", truncated, "EVERYONE");
        sql("DELETE FROM ledger_entry WHERE likeness_id = $1 AND seq = 3", truncated);
        JsonPath ledger = Consents.ledger("alice", truncated);
        assertFalse(ledger.getBoolean("verification.valid"));
        assertEquals(3, ledger.getInt("verification.brokenAt"));
    }

    @Test
    void aReceiptDescribesTheGrantAfterIso27560AndShowsItsWithdrawal() {
        UUID alices = ConsentModelTest.likeness("alice", "APPROVED");
        String grantId = Consents.grant("alice", alices, "{\"granteeId\":\"" + Tokens.userId("bob")
                + "\",\"purposes\":[\"publish\",\"draft\"],\"expiresAt\":\"2099-01-01T00:00:00Z\",\"maxUses\":5}")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/grants/{g}/receipt", alices, grantId).then()
                .statusCode(200)
                .body("schemaVersion", containsString("27560"))
                .body("recordId", is(grantId))
                .body("piiPrincipalId", is(Tokens.userId("alice")))
                .body("recipientId", is(Tokens.userId("bob")))
                .body("purposes.purpose", contains("draft", "publish"))
                .body("purposes[0].lawfulBasis", is("consent"))
                .body("events.eventType", contains("given"))
                .body("state", is("active"))
                .body("validity.notAfter", containsString("2099-01-01"))
                .body("validity.maxUses", is(5))
                .body("withdrawalMethod.method", is("DELETE"))
                .body("withdrawalMethod.uri", is("/v1/likenesses/" + alices + "/grants/" + grantId))
                .body("ledgerHead", is(Consents.ledger("alice", alices).getString("verification.head")));

        given().auth().oauth2(Tokens.user("alice")).delete("/v1/likenesses/{id}/grants/{g}", alices, grantId);
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/grants/{g}/receipt", alices, grantId).then()
                .body("state", is("withdrawn")).body("events.eventType", contains("given", "withdrawn"));
        given().auth().oauth2(Tokens.user("bob")).get("/v1/likenesses/{id}/grants/{g}/receipt", alices, grantId).then()
                .statusCode(404);
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/grants/{g}/receipt", alices, UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    private void sql(String statement, UUID likeness) {
        database.preparedQuery(statement).execute(Tuple.of(likeness)).await().indefinitely();
    }
}
