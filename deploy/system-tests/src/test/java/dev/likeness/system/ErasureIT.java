package dev.likeness.system;

import static dev.likeness.system.World.as;
import static dev.likeness.system.World.platform;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.sun.net.httpserver.HttpServer;

import dev.likeness.devstack.Service;
import dev.likeness.devstack.testing.EventSchemas;
import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.KeycloakAdmin;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * GDPR Art. 15, 17 and 20 end to end, on the packaged services: a person who used every feature
 * takes their data away, then erases themselves. Afterwards no row of the three databases holds
 * their id, user name or display name, the ledgers they were in still verify, the platform was
 * asked to remove the draft featuring them, their account is gone, and the people they dealt with
 * still read their own history.
 */
@ExtendWith(PackagedServices.class)
class ErasureIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aPersonWhoUsedEveryFeatureErasesThemselvesAndNothingNamesThemAfterwards() throws IOException {
        // Display names unlikely anywhere else in the databases, so a match can only be theirs.
        String name = "Erasa" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        String erased = Users.create(name);
        String id = Tokens.userId(erased);
        String gina = Users.create("Gina");
        String hal = Users.create("Hal");
        List<String> delivered = new CopyOnWriteArrayList<>();
        HttpServer receiver = receiver(delivered);
        try {
            // identity: an enrolment left open, and a verified likeness.
            World.Enrolment open = World.start(erased);
            String hers = World.verify(erased, World.start(erased));
            String ginas = World.announceLikeness(gina);
            String hals = World.announceLikeness(hal);
            String halsOther = World.announceLikeness(hal);

            // notification: a webhook each for the alerts to come, a preference of hers.
            String herWebhook = webhook(erased, receiver);
            webhook(gina, receiver);
            as(erased, Service.NOTIFICATION).contentType(ContentType.JSON).body("{\"inbox\":true,\"stream\":false,\"webhook\":true}")
                    .put("/v1/preferences/access.requested").then().statusCode(200);

            // consent: every kind of thing that names her, both ways.
            audience(erased, hers);
            audience(gina, ginas);
            audience(hal, hals);
            as(erased, Service.CONSENT).contentType(ContentType.JSON)
                    .body("{\"forbiddenTags\":[\"political\"],\"guidelines\":\"" + name + " keeps her accent\"}")
                    .put("/v1/likenesses/{id}/restrictions", hers).then().statusCode(200);
            String given = grant(erased, hers, gina);
            String held = grant(gina, ginas, erased);
            block(erased, hers, "carol");
            block(hal, halsOther, erased);
            String sent = ask(erased, hals, name + " would love to");
            String received = ask(hal, hers, "Hal asks " + name);
            follow(erased, gina);
            follow(gina, erased);
            String draftOfHers = draft(gina, hers);
            String draftByHer = draft(erased, ginas);
            Awaitility.await().atMost(WAIT).until(() -> delivered.stream().filter(body -> body.contains(draftByHer)).count() == 1
                    && delivered.stream().filter(body -> body.contains(draftOfHers)).count() == 1);
            Awaitility.await().atMost(WAIT).until(() -> inbox(erased).contains(draftOfHers) && inbox(gina).contains(draftByHer));

            // Art. 15/20: before erasing, her exports hold every one of those things.
            String identityExport = export(erased, Service.IDENTITY);
            String consentExport = export(erased, Service.CONSENT);
            String notificationExport = export(erased, Service.NOTIFICATION);
            assertContainsAll("identity export", identityExport, hers, open.id(), "\"biometricData\":\"KEPT\"", "\"referenceImage\":{");
            assertContainsAll("consent export", consentExport, hers, given, held, sent, received, draftOfHers, draftByHer,
                    Tokens.userId("carol"), Tokens.userId(gina), "ledger-entry", "follow", name + " keeps her accent");
            assertContainsAll("notification export", notificationExport, herWebhook, draftOfHers, "access.requested", "delivery");

            // Art. 17: she erases herself.
            ExtractableResponse<Response> asked = as(erased, Service.IDENTITY).post("/v1/me/erasure").then().statusCode(202).extract();
            String erasure = asked.path("id");
            assertEquals("/v1/erasures/" + erasure, URI.create(asked.header("Location")).getPath());
            Awaitility.await().atMost(WAIT).until(() -> "COMPLETED".equals(given().baseUri(World.url(Service.IDENTITY))
                    .auth().oauth2(Tokens.user("dana")).get("/v1/erasures/{id}", erasure).then().statusCode(200).extract().path("status")));

            Set<String> hersToFind = Set.of(id, erased, name);
            Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of(), mentions(hersToFind),
                    "rows of the three databases naming her"));

            assertEquals("[]", KeycloakAdmin.send("GET", "/users?exact=true&username=" + erased, null, 200).strip(),
                    "her Keycloak account is deleted");

            // The ledgers she was in still verify; the one she held a grant in names her "erased".
            JsonPath herLedger = ledger("dana", hers);
            assertTrue(herLedger.getBoolean("verification.valid"), herLedger.prettify());
            JsonPath ginasLedger = ledger(gina, ginas);
            assertTrue(ginasLedger.getBoolean("verification.valid"), ginasLedger.prettify());
            assertEquals("erased", ginasLedger.getString("entries.find { it.type == 'grant.created' }.data.granteeId"));
            assertTrue(ledger(hal, hals).getBoolean("verification.valid"));

            // The platform is asked to remove the draft featuring her.
            List<ConsumerRecord<String, String>> removals = Events.read("likeness.consent.events", record -> hers.equals(record.key())
                    && "dev.likeness.consent.draft.removal-requested.v1".equals(Events.header(record, "ce_type")), 1, WAIT, Duration.ZERO);
            assertEquals(1, removals.size(), "one removal request for the draft featuring her");
            EventSchemas.assertValid("dev.likeness.consent.draft.removal-requested.v1", removals.get(0).value());
            JsonPath removal = JsonPath.from(removals.get(0).value());
            assertEquals(draftOfHers, removal.getString("draftId"));
            assertEquals("likeness-deleted", removal.getString("reason"));

            // Those she dealt with still read their history, without her in it.
            String ginasInbox = inbox(gina);
            assertTrue(ginasInbox.contains(draftByHer), ginasInbox);
            assertFalse(ginasInbox.contains(name), ginasInbox);
            as(hal, Service.CONSENT).get("/v1/likenesses/{id}/access-requests", hals).then().statusCode(200)
                    .body("find { it.id == '" + sent + "' }.requesterId", is("erased"))
                    .body("find { it.id == '" + sent + "' }.status", is("WITHDRAWN"));
            as(gina, Service.CONSENT).get("/v1/grants").then().statusCode(200);
        } finally {
            receiver.stop(0);
        }
    }

    /** Each row of the three databases, as text, that holds one of the strings: "database.table: row". */
    private static List<String> mentions(Set<String> strings) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, Set<String>> table : Databases.snapshot().entrySet()) {
            table.getValue().stream().filter(row -> strings.stream().anyMatch(row::contains))
                    .forEach(row -> found.add(table.getKey() + ": " + row));
        }
        return found;
    }

    private static void assertContainsAll(String what, String text, String... expected) {
        for (String item : expected) {
            assertTrue(text.contains(item), what + " holds " + item);
        }
    }

    private static HttpServer receiver(List<String> delivered) throws IOException {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            delivered.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        return receiver;
    }

    private static String webhook(String person, HttpServer receiver) {
        return as(person, Service.NOTIFICATION).contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\",\"eventTypes\":[\"draft.created\"]}")
                .post("/v1/webhooks").then().statusCode(201).extract().path("id");
    }

    private static void audience(String owner, String likeness) {
        as(owner, Service.CONSENT).contentType(ContentType.JSON).body("{\"audience\":\"APPROVED\"}")
                .put("/v1/likenesses/{id}/audience", likeness).then().statusCode(200);
    }

    private static String grant(String owner, String likeness, String grantee) {
        return as(owner, Service.CONSENT).contentType(ContentType.JSON)
                .body("{\"granteeId\":\"" + Tokens.userId(grantee) + "\",\"purposes\":[\"draft\"]}")
                .post("/v1/likenesses/{id}/grants", likeness).then().statusCode(201).extract().path("id");
    }

    private static void block(String owner, String likeness, String blocked) {
        as(owner, Service.CONSENT).put("/v1/likenesses/{id}/blocks/{person}", likeness, Tokens.userId(blocked)).then().statusCode(200);
    }

    private static String ask(String requester, String likeness, String message) {
        return as(requester, Service.CONSENT).contentType(ContentType.JSON)
                .body("{\"likenessId\":\"" + likeness + "\",\"purposes\":[\"draft\"],\"message\":\"" + message + "\"}")
                .post("/v1/access-requests").then().statusCode(201).extract().path("id");
    }

    private static void follow(String follower, String followee) {
        platform(Service.CONSENT).put("/v1/follows/{a}/{b}", Tokens.userId(follower), Tokens.userId(followee)).then().statusCode(204);
    }

    /** The platform checks, then registers a draft by {@code creator} featuring {@code likeness}. */
    private static String draft(String creator, String likeness) {
        String requester = "\"requesterId\":\"" + Tokens.userId(creator) + "\",\"requesterToken\":\"" + Tokens.requester(creator) + "\"";
        String token = platform(Service.CONSENT).contentType(ContentType.JSON)
                .body("{" + requester + ",\"likenessIds\":[\"" + likeness + "\"],\"purpose\":\"draft\"}")
                .post("/v1/checks").then().statusCode(200).body("allowed", is(true)).extract().path("consentToken");
        return platform(Service.CONSENT).contentType(ContentType.JSON)
                .body("{\"draftId\":\"draft-" + UUID.randomUUID() + "\",\"creatorId\":\"" + Tokens.userId(creator) + "\",\"creatorToken\":\""
                        + Tokens.requester(creator) + "\",\"likenessIds\":[\"" + likeness + "\"],\"consentToken\":\"" + token + "\"}")
                .post("/v1/drafts").then().statusCode(201).extract().path("id");
    }

    private static String inbox(String person) {
        return as(person, Service.NOTIFICATION).queryParam("limit", 100).get("/v1/notifications").then().statusCode(200)
                .extract().asString();
    }

    private static String export(String person, Service service) {
        return as(person, service).get("/v1/me/export").then().statusCode(200).extract().asString();
    }

    private static JsonPath ledger(String reader, String likeness) {
        return as(reader, Service.CONSENT).get("/v1/likenesses/{id}/ledger", likeness).then().statusCode(200).extract().jsonPath();
    }
}
