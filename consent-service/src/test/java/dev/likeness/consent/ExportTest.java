package dev.likeness.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A person's export holds everything consent-service keeps about them, and nobody else's. */
@QuarkusTest
class ExportTest {

    @Test
    void theExportHoldsEveryKindOfRecordAboutThePersonAndNothingOfOthers() {
        String owner = Users.create();
        String friend = Users.create();
        String asker = Users.create();
        String blocked = Users.create();
        UUID mine = Fixtures.verifiedLikeness(owner);
        UUID friends = Fixtures.verifiedLikeness(friend);
        Consents.audience(owner, mine, "APPROVED");
        Consents.audience(friend, friends, "APPROVED");

        String given = Consents.grant(owner, mine, friend, "[\"draft\"]");
        String held = Consents.grant(friend, friends, owner, "[\"draft\"]");
        String received = ask(asker, mine);
        UUID askers = Fixtures.verifiedLikeness(asker);
        Consents.audience(asker, askers, "APPROVED");
        String sent = ask(owner, askers);
        Consents.block(owner, mine, blocked);
        Consents.follow(owner, friend);
        String featuringMe = Consents.register(friend, List.of(mine),
                Consents.check(friend, List.of(mine), "draft").getString("consentToken")).then().statusCode(201).extract().path("id");
        String madeByMe = Consents.register(owner, List.of(friends),
                Consents.check(owner, List.of(friends), "draft").getString("consentToken")).then().statusCode(201).extract().path("id");
        String registry = given().auth().oauth2(Tokens.user("dana")).contentType(ContentType.JSON)
                .body("{\"name\":\"Exported " + UUID.randomUUID() + "\",\"kind\":\"PUBLIC_FIGURE\",\"subjectId\":\"" + Tokens.userId(owner) + "\"}")
                .post("/v1/protected-persons").then().statusCode(201).extract().path("id");

        List<Map<String, Object>> export = export(owner);
        assertEquals("about", export.get(0).get("section"));
        assertEquals(Tokens.userId(owner), item(export.get(0)).get("subjectId"));
        Map<String, List<Map<String, Object>>> bySection = export.stream()
                .collect(Collectors.groupingBy(record -> (String) record.get("section")));

        assertEquals(List.of(mine.toString()), ids(bySection, "likeness"));
        assertEquals(List.of(given), ids(bySection, "grant-given"));
        assertEquals(given, item(bySection.get("receipt").get(0)).get("recordId"));
        assertEquals(List.of(held), ids(bySection, "grant-held"));
        assertEquals(List.of(received), ids(bySection, "access-request-received"));
        assertEquals(List.of(sent), ids(bySection, "access-request-sent"));
        assertEquals(Tokens.userId(blocked), item(bySection.get("block").get(0)).get("personId"));
        assertEquals(Tokens.userId(friend), item(bySection.get("follow").get(0)).get("followeeId"));
        assertEquals(List.of(featuringMe), ids(bySection, "draft-featuring-me"));
        assertEquals(List.of(madeByMe), ids(bySection, "draft-created"));
        assertEquals(List.of(registry), ids(bySection, "protected-person"));
        for (String perLikeness : List.of("grant-given", "receipt", "access-request-received", "block", "draft-featuring-me", "ledger-entry")) {
            assertTrue(bySection.get(perLikeness).stream().allMatch(record -> mine.toString().equals(record.get("likenessId"))), perLikeness);
        }

        // The whole ledger, newest first, with the hashes the owner's ledger page shows.
        List<Object> ledger = new ArrayList<>(Consents.ledger(owner, mine).getList("entries.hash"));
        Collections.reverse(ledger);
        assertEquals(ledger, bySection.get("ledger-entry").stream().map(record -> item(record).get("hash")).toList());

        // The person the owner blocked is told nothing of it, nor of anything else of the owner's.
        String blockeds = given().auth().oauth2(Tokens.user(blocked)).get("/v1/me/export").then().statusCode(200).extract().asString();
        for (String id : List.of(mine.toString(), given, held, featuringMe, madeByMe, registry, Tokens.userId(owner))) {
            assertFalse(blockeds.contains(id), "another person's export names " + id);
        }
    }

    @Test
    void onlyAPersonExportsAndOnlyTheirOwn() {
        given().get("/v1/me/export").then().statusCode(401);
        given().auth().oauth2(Tokens.platform()).get("/v1/me/export").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.user(Users.create())).get("/v1/me/export").then().statusCode(200)
                .contentType(ContentType.JSON).body("size()", is(1)).body("[0].section", is("about"));
    }

    private static String ask(String requester, UUID likeness) {
        return given().auth().oauth2(Tokens.user(requester)).contentType(ContentType.JSON)
                .body("{\"likenessId\":\"" + likeness + "\",\"purposes\":[\"draft\"]}").post("/v1/access-requests")
                .then().statusCode(201).extract().path("id");
    }

    private static List<Map<String, Object>> export(String person) {
        return given().auth().oauth2(Tokens.user(person)).get("/v1/me/export").then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath().getList("$");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> item(Map<String, Object> record) {
        return (Map<String, Object>) record.get("item");
    }

    private static List<Object> ids(Map<String, List<Map<String, Object>>> bySection, String section) {
        return bySection.getOrDefault(section, List.of()).stream().map(record -> item(record).get("id")).toList();
    }
}
