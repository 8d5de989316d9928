package dev.likeness.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.launchdarkly.eventsource.ConnectStrategy;
import com.launchdarkly.eventsource.EventSource;

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
 * A person's erasure (README "Erasure"), from identity-service's person.erased on the real broker:
 * nothing of theirs is left in any table of the database, the people they acted for keep their
 * alerts without them, and events about them that arrive later store nothing of them.
 */
@QuarkusTest
class ErasureTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ERASED = "Someone whose account was deleted";

    @Inject Pool database;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void anErasedPersonLeavesNothingInAnyTableAndOthersKeepTheirAlertsWithoutThem() throws Exception {
        String name = "Erin" + UUID.randomUUID().toString().substring(0, 8);
        String erin = Users.create(name);
        String erinId = Tokens.userId(erin);
        String olga = Users.create("Olga");
        String olgaId = Tokens.userId(olga);
        UUID erinsLikeness = UUID.randomUUID();
        UUID olgasLikeness = UUID.randomUUID();
        try (Receiver erinsHook = new Receiver(); Receiver olgasHook = new Receiver()) {
            // Erin's own: an endpoint described in her words, a preference, alerts in her inbox and delivered to her endpoint.
            register(erin, erinsHook.url(), name + "'s phone");
            given().auth().oauth2(Tokens.user(erin)).contentType(ContentType.JSON).body("{\"inbox\":true,\"stream\":false,\"webhook\":true}")
                    .put("/v1/preferences/grant.created").then().statusCode(200);
            Events.send(Upstream.verified(erinsLikeness, erinId));
            Events.send(Upstream.accessRequested(erinsLikeness, erinId, olgaId, UUID.randomUUID()));
            Events.send(Upstream.draftCreated(erinsLikeness, erinId, Tokens.userId("bob"), UUID.randomUUID()));
            AlertsTest.awaitInbox(erin, 3, "en");
            awaitRequests(erinsHook, 3);

            // What Erin did, told to Olga (and to a platform) and delivered to Olga's endpoint...
            String olgasEndpoint = register(olga, olgasHook.url(), "test");
            Events.send(Upstream.grantCreated(erinsLikeness, erinId, olgaId, UUID.randomUUID()));
            Events.send(Upstream.accessRequested(olgasLikeness, olgaId, erinId, UUID.randomUUID()));
            Events.send(Upstream.removalRequested(erinsLikeness, erinId, olgaId, "erasure-test-platform", UUID.randomUUID()));
            awaitRequests(olgasHook, 3).forEach(request -> assertTrue(request.body().contains(erinId), request.body()));
            // ...and one tried once, then waiting on Olga's paused endpoint with the body that names Erin.
            CountDownLatch release = new CountDownLatch(1);
            olgasHook.heldUntil(release).answering(500);
            UUID draft = UUID.randomUUID();
            Events.send(Upstream.draftCreated(olgasLikeness, olgaId, erinId, draft));
            awaitRequests(olgasHook, 4);
            enable(olga, olgasEndpoint, olgasHook.url(), false);
            release.countDown();
            Awaitility.await().atMost(WAIT).until(() -> deliveries(olga, olgasEndpoint)
                    .getList("find { it.type == 'draft.created' }.attempts").size() == 1);
            assertTrue(olgasHook.requests.get(3).body().contains(name));
            assertFalse(tablesMentioning(erinId).isEmpty(), "the scan sees what is there");

            Events.send(Upstream.personErased(erinId));
            Awaitility.await().atMost(WAIT).until(() -> AlertsTest.inbox(erin, "en").getList("items").isEmpty());

            for (String trace : List.of(erinId, erin, name)) {
                assertEquals(List.of(), tablesMentioning(trace), "tables naming " + trace);
            }
            given().auth().oauth2(Tokens.user(erin)).get("/v1/webhooks").then().statusCode(200).body("size()", is(0));
            given().auth().oauth2(Tokens.user(erin)).get("/v1/preferences").then().statusCode(200)
                    .body("find { it.type == 'grant.created' }.channels.stream", is(true));

            JsonPath olgasInbox = AlertsTest.awaitInbox(olga, 4, "en");
            assertEquals(Set.of(ERASED + " allowed you to feature their likeness (draft, remix).",
                            ERASED + " asks to feature your likeness (draft).",
                            ERASED + " asked for the removal of a draft featuring them.",
                            ERASED + " made a draft featuring you."),
                    Set.copyOf(olgasInbox.getList("items.text")));
            assertEquals(Collections.nCopies(4, null), olgasInbox.getList("items.actorId"));
            assertEquals("Une personne dont le compte a été supprimé a créé un brouillon où vous apparaissez.",
                    AlertsTest.awaitInbox(olga, 4, "fr").getString("items[0].text"));
            assertEquals(0, count("SELECT count(*) FROM notification WHERE recipient_id = $1 AND detail IS NOT NULL", olgaId),
                    "what Erin wrote (her request's message, her removal reason) is gone");
            assertEquals(0, count("""
                    SELECT count(*) FROM webhook_delivery WHERE endpoint_id = $1 AND status = 'DELIVERED' AND payload IS NOT NULL""",
                    UUID.fromString(olgasEndpoint)), "delivered bodies that named Erin are gone");
            assertEquals(4, streamTexts(olga, 4).stream().filter(text -> text.startsWith(ERASED)).count());

            // The waiting delivery goes out once Olga resumes her endpoint, rendered again without Erin.
            enable(olga, olgasEndpoint, olgasHook.url(), true);
            Receiver.Request resent = awaitRequests(olgasHook, 5).get(4);
            assertEquals(olgasHook.requests.get(3).header("webhook-id"), resent.header("webhook-id"));
            assertFalse(resent.body().contains(erinId) || resent.body().contains(name), resent.body());
            JsonNode data = JSON.readTree(resent.body()).get("data");
            assertEquals(ERASED + " made a draft featuring you.", data.get("text").asText());
            assertEquals(draft.toString(), data.get("draftId").asText());
            assertNull(data.get("actorId"));
        }
    }

    @Test
    void eventsAboutAnErasedPersonArrivingLaterStoreNothingOfThemAndASecondErasureChangesNothing() {
        String name = "Erin" + UUID.randomUUID().toString().substring(0, 8);
        String erinId = Tokens.userId(Users.create(name));
        String olga = Users.create("Olga");
        String olgaId = Tokens.userId(olga);
        UUID likeness = UUID.randomUUID();
        Events.send(Upstream.draftCreated(likeness, olgaId, erinId, UUID.randomUUID()));
        AlertsTest.awaitInbox(olga, 1, "en");

        ProducerRecord<String, String> erasure = Upstream.personErased(erinId);
        Events.send(erasure);
        Awaitility.await().atMost(WAIT).until(() -> AlertsTest.inbox(olga, "en").getString("items[0].text").startsWith(ERASED));
        List<Object> before = AlertsTest.inbox(olga, "en").getList("items");

        Events.send(erasure);
        Events.send(Upstream.personErased(erinId));
        // On the erasures' partition (keyed as they are), so applied after them.
        Events.send(Events.cloudEvent(Upstream.IDENTITY_EVENTS, erinId, UUID.randomUUID().toString(),
                "dev.likeness.identity.likeness.verified.v1", "/identity-service", null, """
                        {"likenessId":"%s","ownerId":"%s","verifiedAt":"2026-11-23T10:00:00Z","method":"built-in"}"""
                        .formatted(likeness, olgaId)));
        List<Object> after = AlertsTest.awaitInbox(olga, 2, "en").getList("items");
        assertEquals(before, after.subList(1, 2), "the erasure again and its redelivery changed nothing");

        Events.send(Upstream.grantCreated(likeness, olgaId, erinId, UUID.randomUUID()));
        Events.send(Upstream.accessRequested(likeness, olgaId, erinId, UUID.randomUUID()));
        // consent-service names people it erased "erased": a removal asked by such an owner, and one for such a creator.
        Events.send(Upstream.removalRequested(likeness, "erased", olgaId, "erasure-test-platform", UUID.randomUUID()));
        Events.send(Upstream.removalRequested(likeness, olgaId, "erased", "erasure-test-platform", UUID.randomUUID()));
        // The same likeness, so the same partition: once this shows, those before it were applied.
        Events.send(Upstream.draftCreated(likeness, olgaId, Tokens.userId("bob"), UUID.randomUUID()));
        JsonPath olgasInbox = AlertsTest.awaitInbox(olga, 5, "en");
        assertEquals(List.of("Bob made a draft featuring you.", ERASED + " asked for the removal of a draft featuring them.",
                ERASED + " asks to feature your likeness (draft)."), olgasInbox.getList("items.text").subList(0, 3));
        assertEquals(List.of(Tokens.userId("bob")), olgasInbox.getList("items.actorId").stream().filter(Objects::nonNull).toList());
        assertEquals(0, count("SELECT count(*) FROM notification WHERE recipient_id = $1 AND detail IS NOT NULL", olgaId),
                "nor what they wrote");
        assertEquals(List.of(), tablesMentioning(erinId), "no alert for her, nor a counter");
        assertEquals(List.of(), tablesMentioning(name));
        assertEquals(0, count("SELECT count(*) FROM notification WHERE recipient_id = $1", "erased"), "nor for an erased creator");
    }

    /** The rows of the database that mention {@code trace} anywhere (any column, as text), by table. */
    private List<String> tablesMentioning(String trace) {
        return DatabaseScan.rowsHolding(database, List.of(trace));
    }

    private long count(String query, Object parameter) {
        return database.preparedQuery(query).execute(Tuple.of(parameter)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    /** The texts of the person's first {@code count} events on the live stream, replayed from the start. */
    private List<String> streamTexts(String person, int count) throws Exception {
        List<String> texts = new ArrayList<>();
        URI url = URI.create("http://127.0.0.1:" + port + "/v1/notifications/stream");
        try (EventSource stream = new EventSource.Builder(ConnectStrategy.http(url).header("Authorization", "Bearer " + Tokens.user(person))
                .readTimeout(30, TimeUnit.SECONDS)).lastEventId("0").build()) {
            stream.start();
            while (texts.size() < count) {
                texts.add(JSON.readTree(stream.readMessage().getData()).get("text").asText());
            }
        }
        return texts;
    }

    private static String register(String owner, String url, String description) {
        return given().auth().oauth2(Tokens.user(owner)).contentType(ContentType.JSON)
                .body(JSON.createObjectNode().put("url", url).put("description", description).toString())
                .post("/v1/webhooks").then().statusCode(201).extract().path("id");
    }

    private static void enable(String owner, String endpoint, String url, boolean enabled) {
        given().auth().oauth2(Tokens.user(owner)).contentType(ContentType.JSON)
                .body(JSON.createObjectNode().put("url", url).put("enabled", enabled).toString())
                .put("/v1/webhooks/" + endpoint).then().statusCode(200).body("enabled", is(enabled));
    }

    private static List<Receiver.Request> awaitRequests(Receiver receiver, int count) {
        Awaitility.await().atMost(WAIT).until(() -> receiver.requests.size() >= count);
        assertEquals(count, receiver.requests.size());
        return receiver.requests;
    }

    private static JsonPath deliveries(String owner, String endpoint) {
        return given().auth().oauth2(Tokens.user(owner)).get("/v1/webhooks/" + endpoint + "/deliveries").then()
                .statusCode(200).extract().jsonPath();
    }
}
