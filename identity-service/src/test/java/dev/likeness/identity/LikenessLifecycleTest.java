package dev.likeness.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.devstack.testing.EventSchemas;
import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.OutboxContract;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Trust and safety suspend and reinstate a likeness, its owner deletes it and may enrol again. */
@QuarkusTest
class LikenessLifecycleTest {

    private static final String TOPIC = "likeness.identity.events";
    private static final String PREFIX = "dev.likeness.identity.likeness.";
    private static final String STAFF = "dana";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void trustSafetySuspendsAndReinstatesALikenessAndEachChangeIsPublished() throws Exception {
        String person = Users.create();
        String likeness = Enrolments.verifiedLikeness(person, Seeds.next());

        suspend(STAFF, likeness, "Reported as an impersonation").then()
                .statusCode(200).body("status", is("SUSPENDED")).body("suspensionReason", is("Reported as an impersonation"));
        given().auth().oauth2(Tokens.user(person)).get("/v1/likenesses/{id}", likeness).then()
                .statusCode(200).body("status", is("SUSPENDED"))
                .body("suspensionReason", is("Reported as an impersonation")).body("suspendedAt", notNullValue());
        given().auth().oauth2(Tokens.user(person)).post("/v1/enrolments").then()
                .statusCode(409).contentType("application/problem+json").body("code", is("already-enrolled"));
        suspend(STAFF, likeness, "Again").then()
                .statusCode(409).contentType("application/problem+json").body("code", is("not-verified"));

        given().auth().oauth2(Tokens.user(STAFF)).delete("/v1/likenesses/{id}/suspension", likeness).then()
                .statusCode(200).body("status", is("VERIFIED")).body("suspensionReason", nullValue());
        given().auth().oauth2(Tokens.user(STAFF)).delete("/v1/likenesses/{id}/suspension", likeness).then()
                .statusCode(409).contentType("application/problem+json").body("code", is("not-suspended"));

        List<ConsumerRecord<String, String>> events = published(likeness, 3);
        assertEquals(List.of(PREFIX + "verified.v1", PREFIX + "suspended.v1", PREFIX + "reinstated.v1"), types(events));
        JsonNode suspended = JSON.readTree(events.get(1).value());
        assertEquals(likeness, suspended.get("likenessId").asText());
        assertEquals(Tokens.userId(person), suspended.get("ownerId").asText());
        assertEquals("Reported as an impersonation", suspended.get("reason").asText());
        assertEquals(likeness, JSON.readTree(events.get(2).value()).get("likenessId").asText());
    }

    @Test
    void theOwnerDeletesTheirLikenessAndMayEnrolAgain() throws Exception {
        String person = Users.create();
        String token = Tokens.user(person);
        String likeness = Enrolments.verifiedLikeness(person, Seeds.next());

        given().auth().oauth2(token).delete("/v1/likenesses/{id}", likeness).then().statusCode(204);
        given().auth().oauth2(token).delete("/v1/likenesses/{id}", likeness).then()
                .statusCode(404).contentType("application/problem+json").body("code", is("not-found"));
        given().auth().oauth2(token).get("/v1/likenesses/{id}", likeness).then().statusCode(404);
        given().auth().oauth2(token).get("/v1/likenesses").then().statusCode(200).body("$", hasSize(0));
        given().auth().oauth2(Tokens.user(STAFF)).get("/v1/likenesses/{id}", likeness).then()
                .statusCode(200).body("status", is("DELETED")).body("deletedAt", notNullValue());

        List<ConsumerRecord<String, String>> events = published(likeness, 2);
        assertEquals(List.of(PREFIX + "verified.v1", PREFIX + "deleted.v1"), types(events));
        JsonNode deleted = JSON.readTree(events.get(1).value());
        assertEquals(Tokens.userId(person), deleted.get("ownerId").asText());

        String next = Enrolments.verifiedLikeness(person, Seeds.next());
        given().auth().oauth2(token).get("/v1/likenesses").then()
                .statusCode(200).body("id", is(List.of(next))).body("status", is(List.of("VERIFIED")));
    }

    @Test
    void trustSafetyDeletesASuspendedLikenessOnce() {
        String person = Users.create();
        String likeness = Enrolments.verifiedLikeness(person, Seeds.next());
        suspend(STAFF, likeness, "Impersonation confirmed").then().statusCode(200);

        given().auth().oauth2(Tokens.user(STAFF)).delete("/v1/likenesses/{id}", likeness).then().statusCode(204);
        given().auth().oauth2(Tokens.user(STAFF)).delete("/v1/likenesses/{id}", likeness).then().statusCode(404);
        given().auth().oauth2(Tokens.user(STAFF)).delete("/v1/likenesses/{id}/suspension", likeness).then()
                .statusCode(409).body("code", is("not-suspended"));
        given().auth().oauth2(Tokens.user(person)).get("/v1/likenesses/{id}", likeness).then().statusCode(404);
        assertEquals(List.of(PREFIX + "verified.v1", PREFIX + "suspended.v1", PREFIX + "deleted.v1"),
                types(published(likeness, 3)));
    }

    @Test
    void anotherPersonsLikenessDoesNotExistForThem() {
        String owner = Users.create();
        String likeness = Enrolments.verifiedLikeness(owner, Seeds.next());
        String stranger = Tokens.user(Users.create());
        given().auth().oauth2(stranger).get("/v1/likenesses/{id}", likeness).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(stranger).delete("/v1/likenesses/{id}", likeness).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.user(STAFF)).get("/v1/likenesses/{id}", UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(Tokens.user(STAFF)).delete("/v1/likenesses/{id}", UUID.randomUUID()).then().statusCode(404);
        suspend(STAFF, UUID.randomUUID().toString(), "No such likeness").then().statusCode(404);
        given().auth().oauth2(Tokens.user(owner)).get("/v1/likenesses/{id}", likeness).then()
                .statusCode(200).body("status", is("VERIFIED"));
    }

    @Test
    void onlyTrustSafetySuspendsOrReinstates() {
        String owner = Users.create();
        String likeness = Enrolments.verifiedLikeness(owner, Seeds.next());
        String body = "{\"reason\":\"Mine\"}";
        for (String token : List.of(Tokens.user(owner), Tokens.platform())) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                    .post("/v1/likenesses/{id}/suspension", likeness).then()
                    .statusCode(403).contentType("application/problem+json").body("code", is("forbidden"));
            given().auth().oauth2(token).delete("/v1/likenesses/{id}/suspension", likeness).then().statusCode(403);
        }
        given().auth().oauth2(Tokens.platform()).get("/v1/likenesses/{id}", likeness).then().statusCode(403);
        given().auth().oauth2(Tokens.platform()).delete("/v1/likenesses/{id}", likeness).then().statusCode(403);
        given().auth().oauth2(Tokens.user(STAFF)).get("/v1/likenesses").then().statusCode(403);
        given().contentType(ContentType.JSON).body(body).post("/v1/likenesses/{id}/suspension", likeness).then()
                .statusCode(401).contentType("application/problem+json");
        given().delete("/v1/likenesses/{id}", likeness).then().statusCode(401);
        given().auth().oauth2(Tokens.user(owner)).get("/v1/likenesses/{id}", likeness).then()
                .statusCode(200).body("status", is("VERIFIED"));
    }

    @Test
    void aSuspensionNeedsAReasonOfOneTo500CharactersOrChangesNothing() {
        String likeness = Enrolments.verifiedLikeness(Users.create(), Seeds.next());
        for (String body : List.of("{}", "{\"reason\":\"\"}", "{\"reason\":\"   \"}",
                "{\"reason\":\"" + "x".repeat(501) + "\"}")) {
            given().auth().oauth2(Tokens.user(STAFF)).contentType(ContentType.JSON).body(body)
                    .post("/v1/likenesses/{id}/suspension", likeness).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("code", is("validation-failed")).body("errors[0].field", is("reason"));
        }
        given().auth().oauth2(Tokens.user(STAFF)).contentType(ContentType.JSON).post("/v1/likenesses/{id}/suspension", likeness)
                .then().statusCode(400).contentType("application/problem+json").body("code", is("validation-failed"));
        given().auth().oauth2(Tokens.user(STAFF)).get("/v1/likenesses/{id}", likeness).then()
                .statusCode(200).body("status", is("VERIFIED"));

        suspend(STAFF, likeness, "x".repeat(500)).then().statusCode(200).body("status", is("SUSPENDED"));
        // Only the valid suspension was published: the refused ones left no event behind.
        assertEquals(List.of(PREFIX + "verified.v1", PREFIX + "suspended.v1"), types(published(likeness, 2)));
    }

    private static Response suspend(String staff, String likeness, String reason) {
        return given().auth().oauth2(Tokens.user(staff)).contentType(ContentType.JSON)
                .body("{\"reason\":\"" + reason + "\"}")
                .post("/v1/likenesses/{id}/suspension", likeness);
    }

    /** The likeness' events, each one's data valid for its type's JSON Schema. */
    private static List<ConsumerRecord<String, String>> published(String likeness, int expected) {
        List<ConsumerRecord<String, String>> events = OutboxContract.published(TOPIC, likeness, expected);
        events.forEach(event -> EventSchemas.assertValid(Events.header(event, "ce_type"), event.value()));
        return events;
    }

    private static List<String> types(List<ConsumerRecord<String, String>> events) {
        return events.stream().map(event -> Events.header(event, "ce_type")).toList();
    }
}
