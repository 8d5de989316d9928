package dev.likeness.consent;

import static dev.likeness.consent.Fixtures.CONSENT_EVENTS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.EventSchemas;
import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.OutboxContract;
import dev.likeness.devstack.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** The owner grants and revokes; each change is an event; revoking bumps the revision. */
@QuarkusTest
class GrantTest {

    @Test
    void anOwnerGrantsListsAndRevokesAndEachChangeIsPublished() {
        UUID likeness = Fixtures.verifiedLikeness("alice");
        String grant = Consents.grant("alice", likeness, "bob", "[\"draft\",\"publish\"]");

        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/grants", likeness).then()
                .statusCode(200)
                .body("id", hasItem(grant))
                .body("[0].granteeId", is(Tokens.userId("bob")))
                .body("[0].purposes", containsInAnyOrder("draft", "publish"))
                .body("[0].status", is("ACTIVE"))
                .body("[0].revokedAt", nullValue());
        given().auth().oauth2(Tokens.user("alice")).delete("/v1/likenesses/{id}/grants/{grant}", likeness, grant).then()
                .statusCode(200)
                .body("status", is("REVOKED"))
                .body("revokedAt", notNullValue());
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}", likeness).then().body("revision", is(2));
        // Revoking again changes nothing: no second event, no second bump.
        Consents.revoke("alice", likeness, grant);
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}", likeness).then().body("revision", is(2));

        List<ConsumerRecord<String, String>> events = OutboxContract.published(CONSENT_EVENTS, likeness.toString(), 2);
        assertEquals(List.of("dev.likeness.consent.grant.created.v1", "dev.likeness.consent.grant.revoked.v1"),
                events.stream().map(e -> Events.header(e, "ce_type")).toList());
        events.forEach(e -> EventSchemas.assertValid(Events.header(e, "ce_type"), e.value()));
    }

    @Test
    void oneGrantPerPersonIsInForce() {
        UUID likeness = Fixtures.verifiedLikeness("alice");
        Consents.grant("alice", likeness, "bob", "[\"draft\"]");
        Consents.grant("alice", likeness, "{\"granteeId\":\"" + Tokens.userId("bob") + "\",\"purposes\":[\"remix\"]}")
                .then().statusCode(409).contentType("application/problem+json").body("code", is("grant-exists"));
    }

    @Test
    void invalidGrantsAreRefusedNamingTheFieldAndChangeNothing() {
        UUID likeness = Fixtures.verifiedLikeness("alice");
        String bob = Tokens.userId("bob");
        Consents.grant("alice", likeness, "{\"granteeId\":\"" + bob + "\",\"purposes\":[]}").then()
                .statusCode(400).body("code", is("validation-failed")).body("errors.field", hasItem("purposes"));
        Consents.grant("alice", likeness, "{\"granteeId\":\"" + bob + "\",\"purposes\":[\"sell\"]}").then()
                .statusCode(400).body("code", is("invalid-body"));
        Consents.grant("alice", likeness, "{\"granteeId\":\"" + bob + "\",\"purposes\":[\"draft\"],\"maxUses\":0,"
                        + "\"expiresAt\":\"2001-01-01T00:00:00Z\"}").then()
                .statusCode(400).body("errors.field", hasItems("maxUses", "expiresAt"));
        Consents.grant("alice", likeness, "{\"purposes\":[\"draft\"]}").then()
                .statusCode(400).body("errors.field", hasItem("granteeId"));
        Consents.grant("alice", likeness, "{\"granteeId\":\"" + Tokens.userId("alice") + "\",\"purposes\":[\"draft\"]}").then()
                .statusCode(422).body("code", is("self-grant"));
        Consents.grant("alice", likeness, "{\"granteeId\": [1,2]}").then().statusCode(400);
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/grants", likeness).then().body("size()", is(0));
    }

    @Test
    void onlyTheOwnerSeesOrChangesGrants() {
        UUID likeness = Fixtures.verifiedLikeness("alice");
        String grant = Consents.grant("alice", likeness, "bob", "[\"draft\"]");
        given().auth().oauth2(Tokens.user("bob")).get("/v1/likenesses/{id}/grants", likeness).then().statusCode(404);
        given().auth().oauth2(Tokens.user("bob")).delete("/v1/likenesses/{id}/grants/{grant}", likeness, grant).then().statusCode(404);
        Consents.grant("carol", likeness, "{\"granteeId\":\"x\",\"purposes\":[\"draft\"]}").then().statusCode(404);
        given().auth().oauth2(Tokens.platform()).get("/v1/likenesses/{id}/grants", likeness).then().statusCode(403);
        given().auth().oauth2(Tokens.user("alice")).delete("/v1/likenesses/{id}/grants/{grant}", likeness, UUID.randomUUID())
                .then().statusCode(404);
        given().auth().oauth2(Tokens.user("alice")).get("/v1/likenesses/{id}/grants", likeness).then().body("[0].status", is("ACTIVE"));
    }
}
