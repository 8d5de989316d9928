package dev.likeness.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.DatabaseScan;
import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * identity-service's {@code person.erased}: a person who used every feature here is erased; no
 * row of this database names them afterwards, the ledgers they were in still verify, the drafts
 * featuring them are asked to be removed, and late or repeated events bring nothing back.
 */
@QuarkusTest
class ErasureTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String ERASED = "dev.likeness.identity.person.erased.v1";

    @Inject Pool database;

    @Test
    void anErasedPersonIsNamedNowhereAndEveryLedgerTheyWereInStillVerifies() {
        String frances = Users.create("Frances");
        String id = Tokens.userId(frances);
        UUID hers = ConsentModelTest.likeness(frances, "APPROVED");
        Consents.restrictions(frances, hers, "{\"forbiddenTags\": [\"political\"], \"guidelines\": \"Frances: keep my accent\"}");
        Consents.grant(frances, hers, "bob", "[\"draft\"]");
        Consents.block(frances, hers, "erin");
        UUID alices = ConsentModelTest.likeness("alice", "APPROVED");
        Consents.grant("alice", alices, frances, "[\"draft\"]");
        UUID bobs = ConsentModelTest.likeness("bob", "APPROVED");
        String asked = ask(frances, bobs, "Frances asks nicely");
        String askedHer = ask("carol", hers, "Carol asks Frances");
        UUID carols = ConsentModelTest.likeness("carol", "APPROVED");
        Consents.block("carol", carols, frances);
        Consents.follow(frances, "bob");
        Consents.follow("bob", frances);
        Consents.register("bob", List.of(hers), Consents.check("bob", List.of(hers), "draft").getString("consentToken"))
                .then().statusCode(201);
        String herDraft = Consents.register(frances, List.of(alices),
                Consents.check(frances, List.of(alices), "draft").getString("consentToken")).then().statusCode(201).extract().path("id");
        assertTrue(mentions(id).size() > 8, "before: " + mentions(id));

        erase(id);
        Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertEquals(List.of(), mentions(id)));
        // Her token outlives her account, but writes nothing: the kit's ErasedCallers.
        given().auth().oauth2(Tokens.user(frances)).contentType(ContentType.JSON)
                .body("{\"likenessId\":\"" + carols + "\",\"purposes\":[\"draft\"]}").post("/v1/access-requests").then()
                .statusCode(410).contentType("application/problem+json").body("code", is("person-erased"));

        Awaitility.await().atMost(TIMEOUT).until(() -> database.preparedQuery("""
                        SELECT count(*) FROM draft d JOIN draft_likeness f ON f.draft_id = d.id
                        WHERE f.likeness_id = $1 AND d.status = 'REMOVAL_REQUESTED'""")
                .execute(Tuple.of(hers)).await().indefinitely().iterator().next().getLong(0) == 1);
        Map<String, List<String>> events = Fixtures.consentEvents(hers, 5);
        assertEquals(1, events.get("draft.removal-requested").size(), "bob's draft featuring her: " + events.keySet());
        JsonPath removal = JsonPath.from(events.get("draft.removal-requested").get(0));
        assertEquals("likeness-deleted", removal.getString("reason"));
        assertEquals("erased", removal.getString("ownerId"));

        JsonPath herLedger = Consents.ledger("dana", hers);
        assertTrue(herLedger.getBoolean("verification.valid"), "the erased owner's ledger verifies: " + herLedger.prettify());
        assertEquals(List.of("draft.removal-requested"), herLedger.getList("entries.findAll { it.data != null }.type"),
                "her key is gone: only what was written after, naming no one, opens");
        JsonPath alicesLedger = Consents.ledger("alice", alices);
        assertTrue(alicesLedger.getBoolean("verification.valid"));
        assertEquals("erased", alicesLedger.getString("entries.find { it.type == 'grant.created' }.data.granteeId"));
        assertEquals("identity-service", alicesLedger.getString("entries.find { it.type == 'grant.revoked' }.actor"));
        assertTrue(Consents.ledger("bob", bobs).getBoolean("verification.valid"));
        given().auth().oauth2(Tokens.user("bob")).get("/v1/likenesses/{id}/access-requests", bobs).then().statusCode(200)
                .body("find { it.id == '" + asked + "' }.requesterId", is("erased"))
                .body("find { it.id == '" + asked + "' }.status", is("WITHDRAWN"))
                .body("find { it.id == '" + asked + "' }.message", nullValue());
        given().auth().oauth2(Tokens.user("carol")).get("/v1/access-requests").then().statusCode(200)
                .body("find { it.id == '" + askedHer + "' }.status", is("WITHDRAWN"))
                .body("find { it.id == '" + askedHer + "' }.message", nullValue());
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/drafts", alices).then().statusCode(200)
                .body("drafts.find { it.id == '" + herDraft + "' }.creatorId", is("erased"));

        // Redelivered under a new id, and a likeness of hers verified before the erasure but delivered after: nothing changes.
        long entries = ledgerEntries();
        UUID late = UUID.randomUUID();
        Events.send(Fixtures.verifiedEvent(late, id, UUID.randomUUID().toString()));
        erase(id);
        UUID marker = UUID.randomUUID();
        Events.send(Events.cloudEvent(Fixtures.IDENTITY_EVENTS, id, UUID.randomUUID().toString(),
                "dev.likeness.identity.likeness.verified.v1", "/identity-service", marker.toString(), """
                        {"likenessId":"%s","ownerId":"%s","verifiedAt":"%s","method":"built-in"}"""
                        .formatted(marker, Tokens.userId("alice"), OffsetDateTime.now())));
        Fixtures.awaitLikeness("alice", marker);
        given().auth().oauth2(Tokens.user("dana")).get("/v1/likenesses/{id}/ledger", late).then().statusCode(404);
        assertEquals(List.of(), mentions(id));
        assertEquals(entries + 1, ledgerEntries(), "only the marker's likeness.verified was added");
    }

    private static String ask(String requester, UUID likeness, String message) {
        return given().auth().oauth2(Tokens.user(requester)).contentType(ContentType.JSON)
                .body("{\"likenessId\":\"" + likeness + "\",\"purposes\":[\"draft\"],\"message\":\"" + message + "\"}")
                .post("/v1/access-requests").then().statusCode(201).extract().path("id");
    }

    /** identity-service's event, keyed by the person as it publishes it. */
    private static void erase(String personId) {
        Events.send(Events.cloudEvent(Fixtures.IDENTITY_EVENTS, personId, UUID.randomUUID().toString(), ERASED,
                "/identity-service", personId, """
                        {"personId":"%s","erasedAt":"%s"}""".formatted(personId, OffsetDateTime.now())));
    }

    private List<String> mentions(String personId) {
        return DatabaseScan.rowsHolding(database, List.of(personId));
    }

    private long ledgerEntries() {
        return database.query("SELECT count(*) FROM ledger_entry").execute().await().indefinitely().iterator().next().getLong(0);
    }
}
