package dev.likeness.notification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import dev.likeness.notification.inbox.NotificationType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** A person's export: everything kept about them, nobody else's, and no webhook secret. */
@QuarkusTest
class ExportTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theExportHoldsEveryNotificationThePreferencesAndTheWebhooksButNoSecret() throws Exception {
        String owner = Users.create();
        String token = Tokens.user(owner);
        String ownerId = Tokens.userId(owner);
        try (Receiver receiver = new Receiver()) {
            JsonPath created = given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"draft.created\"],\"description\":\"mine\",\"language\":\"fr\"}")
                    .post("/v1/webhooks").then().statusCode(201).extract().jsonPath();
            String endpointId = created.getString("id");
            String secret = created.getString("secret");
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"inbox\":false,\"stream\":true,\"webhook\":false}")
                    .put("/v1/preferences/grant.created").then().statusCode(200);

            UUID likeness = UUID.randomUUID();
            UUID grant = UUID.randomUUID();
            // One likeness, one consent partition: applied in this order, so the inbox's two mean all three are kept.
            Events.send(Upstream.grantCreated(likeness, Tokens.userId("alice"), ownerId, grant)); // kept for the stream only
            Events.send(Upstream.draftCreated(likeness, ownerId, Tokens.userId("bob"), UUID.randomUUID()));
            Events.send(Upstream.grantRevoked(likeness, Tokens.userId("alice"), ownerId, grant));
            JsonPath inbox = AlertsTest.awaitInbox(owner, 2, "fr");
            String revoked = inbox.getString("items[0].id");
            String draft = inbox.getString("items[1].id");
            given().auth().oauth2(token).put("/v1/notifications/" + draft + "/read").then().statusCode(204);
            given().auth().oauth2(token).put("/v1/notifications/" + revoked + "/archived").then().statusCode(204);
            Awaitility.await().atMost(WAIT).until(() -> "DELIVERED".equals(given().auth().oauth2(token)
                    .get("/v1/webhooks/" + endpointId + "/deliveries").then().statusCode(200).extract().path("[0].status")));

            String body = export(token, "fr");
            assertFalse(body.contains("whsec_"), "no secret");
            assertFalse(body.contains(secret.substring("whsec_".length())), "no secret");
            Map<String, List<JsonNode>> sections = sections(body);
            assertEquals(List.of("about", "notification", "preference", "webhook", "delivery"), List.copyOf(sections.keySet()),
                    "in this order");

            JsonNode about = sections.get("about").get(0);
            assertEquals("notification-service", about.get("service").asText());
            assertEquals(ownerId, about.get("subjectId").asText());
            assertTrue(about.hasNonNull("exportedAt"));

            List<JsonNode> notifications = sections.get("notification");
            assertEquals(List.of(1L, 2L, 3L), notifications.stream().map(n -> n.get("seq").asLong()).toList(), "oldest first");
            JsonNode streamOnly = notifications.get(0);
            assertEquals("grant.created", streamOnly.get("type").asText());
            assertFalse(streamOnly.get("inInbox").asBoolean());
            assertTrue(streamOnly.get("inStream").asBoolean());
            assertEquals(grant.toString(), streamOnly.get("grantId").asText());
            assertEquals("[\"draft\",\"remix\"]", streamOnly.get("purposes").toString());
            assertFalse(inbox.getList("items.id").contains(streamOnly.get("id").asText()));
            assertEquals(List.of(draft, revoked), List.of(notifications.get(1).get("id").asText(), notifications.get(2).get("id").asText()),
                    "the inbox's, archived too");
            assertEquals(inbox.getString("items[1].text"), notifications.get(1).get("text").asText(), "as the inbox shows it");
            assertEquals(inbox.getString("items[0].text"), notifications.get(2).get("text").asText());
            assertTrue(notifications.get(1).hasNonNull("readAt"));
            assertFalse(notifications.get(1).has("archivedAt"));
            assertTrue(notifications.get(2).hasNonNull("archivedAt"));

            List<JsonNode> preferences = sections.get("preference");
            assertEquals(NotificationType.values().length, preferences.size(), "every type");
            JsonNode chosen = preferences.stream().filter(p -> p.get("type").asText().equals("grant.created")).findFirst().orElseThrow();
            assertEquals("{\"inbox\":false,\"stream\":true,\"webhook\":false}", chosen.get("channels").toString());
            assertTrue(chosen.hasNonNull("updatedAt"));
            assertEquals(1, preferences.stream().filter(p -> p.has("updatedAt")).count(), "only the one chosen has a time");

            JsonNode endpoint = sections.get("webhook").get(0);
            assertEquals(1, sections.get("webhook").size());
            assertEquals(endpointId, endpoint.get("id").asText());
            assertEquals(receiver.url(), endpoint.get("url").asText());
            assertEquals("mine", endpoint.get("description").asText());
            assertEquals("fr", endpoint.get("language").asText());
            List<String> fields = new ArrayList<>();
            endpoint.fieldNames().forEachRemaining(fields::add);
            assertTrue(fields.stream().noneMatch(field -> field.equals("secret") || field.equals("previousSecret")), fields.toString());

            JsonNode delivery = sections.get("delivery").get(0);
            assertEquals(1, sections.get("delivery").size());
            assertEquals(endpointId, delivery.get("endpointId").asText());
            assertEquals("msg_" + draft, delivery.get("messageId").asText());
            assertEquals("DELIVERED", delivery.get("status").asText());
            assertEquals(1, delivery.get("attempts").size());
            assertEquals(200, delivery.get("attempts").get(0).get("responseStatus").asInt());
            assertEquals(draft, delivery.get("payload").get("data").get("id").asText(), "the body sent");
            assertEquals(JSON.readTree(receiver.requests.get(0).body()), delivery.get("payload"));

            String stranger = Users.create();
            String theirs = export(Tokens.user(stranger), "en");
            Map<String, List<JsonNode>> other = sections(theirs);
            assertEquals(Set.of("about", "preference"), other.keySet(), "nothing of the owner's");
            assertEquals(Tokens.userId(stranger), other.get("about").get(0).get("subjectId").asText());
            for (String id : List.of(ownerId, endpointId, draft, revoked, streamOnly.get("id").asText(), receiver.url())) {
                assertFalse(theirs.contains(id), id);
            }
        }
    }

    @Test
    void onlyAPersonExportsAndOnlyTheirOwn() {
        given().get("/v1/me/export").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.platform()).get("/v1/me/export").then().statusCode(403).contentType("application/problem+json");
    }

    private static String export(String token, String language) {
        return given().auth().oauth2(token).header("Accept-Language", language).get("/v1/me/export").then()
                .statusCode(200).contentType(ContentType.JSON).extract().asString();
    }

    /** The records' items by section, sections in the order they first appear. */
    private static Map<String, List<JsonNode>> sections(String body) throws Exception {
        Map<String, List<JsonNode>> sections = new LinkedHashMap<>();
        String last = null;
        for (JsonNode record : JSON.readTree(body)) {
            String section = record.get("section").asText();
            assertTrue(section.equals(last) || !sections.containsKey(section), "each section's records together: " + section);
            sections.computeIfAbsent(section, key -> new ArrayList<>()).add(record.get("item"));
            last = section;
        }
        assertEquals("about", sections.keySet().iterator().next(), "the first record");
        return sections;
    }
}
