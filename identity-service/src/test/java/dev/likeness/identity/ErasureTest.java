package dev.likeness.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.captures.Captures;
import dev.likeness.captures.Captures.Container;
import dev.likeness.devstack.testing.DatabaseScan;
import dev.likeness.devstack.testing.EventSchemas;
import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.KeycloakAdmin;
import dev.likeness.devstack.testing.OutboxContract;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.cloudevents.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A person erased, by themselves or by trust and safety: their likenesses are deleted as any
 * deletion does, nothing else about them stays in the database, person.erased is published, and
 * last their Keycloak account is deleted, which completes the erasure.
 */
@QuarkusTest
class ErasureTest {

    private static final String TOPIC = "likeness.identity.events";
    private static final String PERSON_ERASED = "dev.likeness.identity.person.erased.v1";
    private static final String VERIFIED = "dev.likeness.identity.likeness.verified.v1";
    private static final String DELETED = "dev.likeness.identity.likeness.deleted.v1";
    private static final String SOURCE = "/identity-service";
    private static final String STAFF = "dana";
    private static final String PROBLEM = "application/problem+json";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject Pool database;
    @Inject FailingKeycloak keycloak;

    @Test
    void aPersonWhoErasesThemselvesLeavesNothingHereAndLosesTheirAccount() throws Exception {
        String person = Users.create();
        String personId = Users.id(person);
        String token = Tokens.user(person);
        JsonPath rejected = Enrolments.start(person);
        Enrolments.submit(person, rejected, "video/mp4", Captures.withoutAudio(Container.MP4, 3, Seeds.next())).then().statusCode(422);
        Enrolments.start(person); // left open
        String likeness = Enrolments.verifiedLikeness(person, Seeds.next());
        given().auth().oauth2(token).get("/v1/likenesses/{id}/reference-image", likeness).then().statusCode(200);
        List<JsonNode> enrolments = enrolments(token);
        assertEquals(3, enrolments.size());
        List<String> about = new ArrayList<>(List.of(personId, person, likeness));
        enrolments.forEach(enrolment -> about.add(enrolment.path("enrolment").path("id").asText()));
        List<String> digests = enrolments.stream().map(enrolment -> enrolment.path("captureSha256").asText(null)).filter(d -> d != null).toList();
        assertEquals(2, digests.size(), "the rejected capture's and the verified one's");
        assertFalse(mentions(about).isEmpty(), "the scan finds the person while they are here");

        Response accepted = given().auth().oauth2(token).post("/v1/me/erasure");
        accepted.then().statusCode(202).contentType(ContentType.JSON)
                .body("status", is("IN_PROGRESS")).body("requestedAt", notNullValue()).body("completedAt", nullValue());
        String erasure = accepted.path("id");
        assertTrue(accepted.header("Location").endsWith("/v1/erasures/" + erasure), accepted.header("Location"));

        // The likeness went the way of any deletion, then the erasure was announced.
        List<ConsumerRecord<String, String>> events = OutboxContract.published(TOPIC, likeness, 2);
        events.forEach(event -> EventSchemas.assertValid(Events.header(event, "ce_type"), event.value()));
        assertEquals(List.of(VERIFIED, DELETED), events.stream().map(event -> Events.header(event, "ce_type")).toList());
        CloudEvent erased = OutboxContract.publishedOnce(TOPIC, personId, PERSON_ERASED, SOURCE);
        assertEquals(personId, erased.getSubject());
        JsonNode data = JSON.readTree(erased.getData().toBytes());
        assertEquals(personId, data.path("personId").asText());
        OffsetDateTime.parse(data.path("erasedAt").asText());

        // Last, the account: they can no longer sign in.
        awaitCompleted(erasure);
        KeycloakAdmin.send("GET", "/users/" + personId, null, 404);
        assertThrows(IllegalStateException.class, () -> Tokens.freshUser(person), "a password grant for a deleted account");

        // A token issued before stays valid until it expires: it finds nothing, and may not enrol again.
        given().auth().oauth2(token).get("/v1/likenesses").then().statusCode(200).body("$", hasSize(0));
        given().auth().oauth2(token).post("/v1/enrolments").then()
                .statusCode(410).contentType(PROBLEM).body("code", is("person-erased"));

        // No row names them, their likeness or their enrolments; their captures' digests stay, linked to nothing.
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of(), mentions(about)));
        for (String digest : digests) {
            assertEquals(1L, count("""
                            SELECT count(*) FROM capture_digest
                            WHERE sha256 = $1 AND enrolment_id IS NULL AND created_at = date_trunc('day', created_at)""", digest),
                    "the replay guard keeps the digest, without its enrolment, dated to the day only");
        }
    }

    @Test
    void askingAgainWhileTheAccountIsBeingDeletedAnswersTheSameErasureAndLateEventsChangeNothing() {
        String person = Users.create();
        String personId = Users.id(person);
        String likeness = Enrolments.verifiedLikeness(person, Seeds.next());
        Awaitility.await().atMost(WAIT).until(() -> likeness.equals(Users.attributes(personId).path("likeness_id").path(0).asText()));
        keycloak.keep(personId);
        String erasure;
        try {
            erasure = given().auth().oauth2(Tokens.user(person)).post("/v1/me/erasure").then().statusCode(202).extract().path("id");
            // Their token outlives the erasure but writes nothing, asking again included.
            given().auth().oauth2(Tokens.user(person)).post("/v1/me/erasure").then()
                    .statusCode(410).contentType("application/problem+json").body("code", is("person-erased"));
            given().auth().oauth2(Tokens.user(STAFF)).contentType(ContentType.JSON).body("{\"reason\":\"Asked by letter as well\"}")
                    .post("/v1/persons/{personId}/erasure", personId).then()
                    .statusCode(202).header("Location", endsWith("/v1/erasures/" + erasure))
                    .body("id", is(erasure)).body("status", is("IN_PROGRESS"));

            // The erasure's own likeness.deleted, and an event about them from a partition that lagged behind.
            String deleted = Events.header(OutboxContract.published(TOPIC, likeness, 2).get(1), "ce_id");
            UUID lateLikeness = UUID.randomUUID();
            String late = UUID.randomUUID().toString();
            Events.send(Events.cloudEvent(TOPIC, lateLikeness.toString(), late, VERIFIED, SOURCE, lateLikeness.toString(), """
                    {"likenessId":"%s","ownerId":"%s","verifiedAt":"%s","method":"built-in"}"""
                    .formatted(lateLikeness, personId, OffsetDateTime.now())));
            Awaitility.await().atMost(WAIT).until(() -> consumed(deleted) && consumed(late));
            JsonNode attributes = Users.attributes(personId);
            assertEquals("VERIFIED", attributes.path("likeness_status").path(0).asText(), "their account, still there, was left alone");
            assertEquals(likeness, attributes.path("likeness_id").path(0).asText());
            given().auth().oauth2(Tokens.user(STAFF)).get("/v1/erasures/{id}", erasure).then()
                    .statusCode(200).body("status", is("IN_PROGRESS")).body("completedAt", nullValue());
        } finally {
            keycloak.release(personId);
        }
        awaitCompleted(erasure);
        KeycloakAdmin.send("GET", "/users/" + personId, null, 404);
        OutboxContract.publishedOnce(TOPIC, personId, PERSON_ERASED, SOURCE);
    }

    @Test
    void trustSafetyEraseAPersonTheyNameWithAReasonThatGoesWithThem() {
        String staff = staffMember();
        String staffId = Users.id(staff);
        String person = Users.create();
        String personId = Users.id(person);
        for (String body : List.of("{}", "{\"reason\":null}", "{\"reason\":\"\"}", "{\"reason\":\"   \"}",
                "{\"reason\":\"" + "x".repeat(501) + "\"}")) {
            given().auth().oauth2(Tokens.user(staff)).contentType(ContentType.JSON).body(body)
                    .post("/v1/persons/{personId}/erasure", personId).then()
                    .statusCode(400).contentType(PROBLEM).body("code", is("validation-failed")).body("errors[0].field", is("reason"));
        }
        given().auth().oauth2(Tokens.user(staff)).contentType(ContentType.JSON).post("/v1/persons/{personId}/erasure", personId).then()
                .statusCode(400).contentType(PROBLEM).body("code", is("validation-failed"));
        given().auth().oauth2(Tokens.user(staff)).contentType(ContentType.JSON).body("{\"reason\":\"Not a person id\"}")
                .post("/v1/persons/{personId}/erasure", "-" + personId).then()
                .statusCode(400).contentType(PROBLEM).body("code", is("validation-failed"));
        assertEquals(0L, count("SELECT count(*) FROM erasure WHERE person_id = $1", personId), "refusals erase nobody");
        KeycloakAdmin.send("GET", "/users/" + personId, null, 200);

        // Nothing of theirs is held here: erased all the same, their account and the other services' data.
        String reason = "The person asked by letter, ticket " + UUID.randomUUID();
        Response accepted = given().auth().oauth2(Tokens.user(staff)).contentType(ContentType.JSON)
                .body("{\"reason\":\"" + reason + "\"}").post("/v1/persons/{personId}/erasure", personId);
        accepted.then().statusCode(202).body("status", is("IN_PROGRESS"));
        String erasure = accepted.path("id");
        assertTrue(accepted.header("Location").endsWith("/v1/erasures/" + erasure), accepted.header("Location"));
        assertEquals(reason, text("SELECT reason FROM erasure WHERE id = $1", erasure), "kept while in progress");
        OutboxContract.publishedOnce(TOPIC, personId, PERSON_ERASED, SOURCE);
        awaitCompleted(erasure);
        KeycloakAdmin.send("GET", "/users/" + personId, null, 404);
        assertEquals("trust-safety", text("SELECT requested_by FROM erasure WHERE id = $1", erasure));
        assertEquals(staffId, text("SELECT staff_id FROM erasure WHERE id = $1", erasure), "who asked stays");
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of(), mentions(List.of(personId, person, reason))));

        // The staff member erased in turn: the erasure they asked for keeps that trust and safety asked, not who.
        String own = given().auth().oauth2(Tokens.user(staff)).post("/v1/me/erasure").then().statusCode(202).extract().path("id");
        awaitCompleted(own);
        assertEquals("erased", text("SELECT staff_id FROM erasure WHERE id = $1", erasure));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of(), mentions(List.of(staffId, staff))));
    }

    @Test
    void onlyTrustSafetyEraseOthersAndFollowErasures() {
        String person = Users.create();
        String personId = Users.id(person);
        String body = "{\"reason\":\"Mine\"}";
        for (String token : List.of(Tokens.user(Users.create()), Tokens.user(person), Tokens.platform())) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/v1/persons/{personId}/erasure", personId).then()
                    .statusCode(403).contentType(PROBLEM).body("code", is("forbidden"));
            given().auth().oauth2(token).get("/v1/erasures/{id}", UUID.randomUUID()).then().statusCode(403).contentType(PROBLEM);
        }
        // Trust and safety staff and platforms are not people erasing themselves.
        given().auth().oauth2(Tokens.user(STAFF)).post("/v1/me/erasure").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(Tokens.platform()).post("/v1/me/erasure").then().statusCode(403).contentType(PROBLEM);
        given().post("/v1/me/erasure").then().statusCode(401).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(body).post("/v1/persons/{personId}/erasure", personId).then().statusCode(401);
        given().auth().oauth2(Tokens.user(STAFF)).get("/v1/erasures/{id}", UUID.randomUUID()).then()
                .statusCode(404).contentType(PROBLEM).body("code", is("not-found"));
        given().auth().oauth2(Tokens.user(STAFF)).get("/v1/erasures/{id}", "not-an-id").then().statusCode(404).contentType(PROBLEM);

        assertEquals(0L, count("SELECT count(*) FROM erasure WHERE person_id = $1", personId));
        KeycloakAdmin.send("GET", "/users/" + personId, null, 200);
    }

    /** A new person with role trust-safety too. */
    private static String staffMember() {
        String staff = Users.create("Staff");
        String role = KeycloakAdmin.send("GET", "/roles/trust-safety", null, 200);
        KeycloakAdmin.send("POST", "/users/" + Users.id(staff) + "/role-mappings/realm", "[" + role + "]", 204);
        return staff;
    }

    private static void awaitCompleted(String erasure) {
        Awaitility.await().atMost(WAIT).until(() -> "COMPLETED".equals(given().auth().oauth2(Tokens.user(STAFF))
                .get("/v1/erasures/{id}", erasure).then().statusCode(200).extract().path("status")));
        given().auth().oauth2(Tokens.user(STAFF)).get("/v1/erasures/{id}", erasure).then()
                .statusCode(200).body("id", is(erasure)).body("requestedAt", notNullValue()).body("completedAt", notNullValue());
    }

    /** The enrolment records of the person's export: what this service held of their enrolments. */
    private static List<JsonNode> enrolments(String token) throws Exception {
        JsonNode export = JSON.readTree(given().auth().oauth2(token).get("/v1/me/export").then().statusCode(200).extract().asString());
        List<JsonNode> enrolments = new ArrayList<>();
        export.forEach(record -> {
            if (record.path("section").asText().equals("enrolment")) {
                enrolments.add(record.path("item"));
            }
        });
        return enrolments;
    }

    private List<String> mentions(List<String> needles) {
        return DatabaseScan.rowsHolding(database, needles);
    }

    private boolean consumed(String eventId) {
        return count("SELECT count(*) FROM consumed_event WHERE consumer = 'keycloak-sync' AND id = $1", eventId) == 1;
    }

    private long count(String query, String parameter) {
        return database.preparedQuery(query).execute(Tuple.of(parameter)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    private String text(String query, String erasure) {
        return database.preparedQuery(query).execute(Tuple.of(UUID.fromString(erasure))).await().atMost(WAIT).iterator().next().getString(0);
    }
}
