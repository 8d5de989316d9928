package dev.likeness.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.exceptions.WebhookVerificationException;

import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import dev.likeness.notification.webhook.OtherInstance;
import dev.likeness.notification.webhook.WebhookConfig;
import dev.likeness.notification.webhook.WebhookDispatcher;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Deliveries per the Standard Webhooks spec, to a real receiver that verifies them independently. */
@QuarkusTest
class WebhooksTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject WebhookConfig config;
    @Inject Clock clock;

    @Test
    void aSubscribedNotificationIsDeliveredSignedAndOthersAreNot() throws Exception {
        String owner = Users.create();
        try (Receiver receiver = new Receiver()) {
            Endpoint endpoint = register(owner, receiver.url(), "[\"draft.created\"]");
            given().auth().oauth2(Tokens.user(owner)).get("/v1/webhooks/" + endpoint.id()).then()
                    .statusCode(200).body("secret", nullValue()).body("enabled", is(true));

            UUID likeness = UUID.randomUUID();
            UUID draft = UUID.randomUUID();
            Events.send(Upstream.grantCreated(likeness, Tokens.userId("alice"), Tokens.userId(owner), UUID.randomUUID()));
            Events.send(Upstream.draftCreated(likeness, Tokens.userId(owner), Tokens.userId("bob"), draft));
            String notification = AlertsTest.awaitInbox(owner, 2, "en").getString("items[0].id");

            Receiver.Request request = awaitRequests(receiver, 1).get(0);
            request.verify(endpoint.secret());
            assertEquals("msg_" + notification, request.header("webhook-id"));
            assertEquals("application/json", request.header("content-type"));
            JsonNode body = JSON.readTree(request.body());
            assertEquals("draft.created", body.get("type").asText());
            assertEquals(draft.toString(), body.get("data").get("draftId").asText());
            assertEquals("Bob made a draft featuring you.", body.get("data").get("text").asText());
            assertTrue(body.get("timestamp").asText().endsWith("Z"));
            assertThrows(WebhookVerificationException.class, () -> request.verify("whsec_" + java.util.Base64.getEncoder()
                    .encodeToString(new byte[32])));
            Thread.sleep(1500);
            assertEquals(1, receiver.requests.size(), "grant.created is not subscribed");
        }
    }

    @Test
    void failuresAreRetriedWithTheSameIdUntilDelivered() throws Exception {
        String owner = Users.create();
        try (Receiver receiver = new Receiver().answering(503, 500)) {
            Endpoint endpoint = register(owner, receiver.url(), "[]");
            Events.send(Upstream.verified(UUID.randomUUID(), Tokens.userId(owner)));

            List<Receiver.Request> requests = awaitRequests(receiver, 3);
            assertEquals(1, requests.stream().map(r -> r.header("webhook-id")).distinct().count());
            for (Receiver.Request request : requests) {
                request.verify(endpoint.secret());
            }
            JsonPath log = awaitDelivery(owner, endpoint.id(), "DELIVERED");
            assertEquals(List.of(503, 500, 200), log.getList("[0].attempts.responseStatus"));
        }
    }

    @Test
    void goneDisablesTheEndpointUntilItsOwnerEnablesIt() throws Exception {
        String owner = Users.create();
        try (Receiver receiver = new Receiver().answering(410)) {
            String id = register(owner, receiver.url(), "[]").id();
            UUID likeness = UUID.randomUUID();
            Events.send(Upstream.verified(likeness, Tokens.userId(owner)));
            awaitDelivery(owner, id, "FAILED");
            given().auth().oauth2(Tokens.user(owner)).get("/v1/webhooks/" + id).then()
                    .body("enabled", is(false)).body("disabledReason", is("the receiver answered 410 Gone"));

            Events.send(Upstream.draftCreated(likeness, Tokens.userId(owner), Tokens.userId("bob"), UUID.randomUUID()));
            AlertsTest.awaitInbox(owner, 2, "en");
            Thread.sleep(1500);
            assertEquals(1, receiver.requests.size(), "nothing goes to a disabled endpoint");

            given().auth().oauth2(Tokens.user(owner)).contentType(ContentType.JSON)
                    .body("{\"url\":\"" + receiver.url() + "\",\"enabled\":true}").put("/v1/webhooks/" + id).then()
                    .statusCode(200).body("enabled", is(true));
            assertEquals("draft.created", JSON.readTree(awaitRequests(receiver, 2).get(1).body()).get("type").asText());
        }
    }

    @Test
    void exhaustedRetriesFailTellTheOwnerAndCanBeRedelivered() throws Exception {
        String owner = Users.create();
        try (Receiver receiver = new Receiver().answering(500, 500, 500, 500)) {
            String id = register(owner, receiver.url(), "[\"likeness.verified\"]").id();
            Events.send(Upstream.verified(UUID.randomUUID(), Tokens.userId(owner)));

            JsonPath log = awaitDelivery(owner, id, "FAILED");
            assertEquals(4, log.getList("[0].attempts").size(), "the first attempt and the three retries of the test schedule");
            JsonPath inbox = AlertsTest.awaitInbox(owner, 2, "en");
            assertEquals("webhook.failed", inbox.getString("items[0].type"));
            assertEquals(id, inbox.getString("items[0].endpointId"));
            assertEquals("A webhook could not be delivered to " + receiver.url() + ", after every retry.", inbox.getString("items[0].text"));

            given().auth().oauth2(Tokens.user(owner)).post("/v1/webhooks/" + id + "/deliveries/" + log.getString("[0].id") + "/retry")
                    .then().statusCode(202).body("status", is("PENDING"));
            awaitDelivery(owner, id, "DELIVERED");
            assertEquals(5, receiver.requests.size());
            assertEquals(1, receiver.requests.stream().map(r -> r.header("webhook-id")).distinct().count());
            assertEquals(1, receiver.requests.stream().map(Receiver.Request::body).distinct().count(), "the same bytes each time");
        }
    }

    @Test
    void duringARotationBothSecretsSign() throws Exception {
        String owner = Users.create();
        try (Receiver receiver = new Receiver()) {
            Endpoint endpoint = register(owner, receiver.url(), "[]");
            String rotated = given().auth().oauth2(Tokens.user(owner)).post("/v1/webhooks/" + endpoint.id() + "/secret")
                    .then().statusCode(200).body("secret", startsWith("whsec_")).extract().path("secret");
            Events.send(Upstream.verified(UUID.randomUUID(), Tokens.userId(owner)));
            Receiver.Request request = awaitRequests(receiver, 1).get(0);
            assertEquals(2, request.header("webhook-signature").split(" ").length);
            request.verify(rotated);
            request.verify(endpoint.secret());
        }
    }

    @Test
    void platformsReceiveRemovalRequestsForTheirDrafts() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String platform = Tokens.platform();
            given().auth().oauth2(platform).contentType(ContentType.JSON)
                    .body("{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"draft.removal-requested\"]}")
                    .post("/v1/webhooks").then().statusCode(201);
            UUID draft = UUID.randomUUID();
            Events.send(Upstream.removalRequested(UUID.randomUUID(), Tokens.userId("alice"), Tokens.userId(Users.create()),
                    "likeness-platform-demo", draft));
            Awaitility.await().atMost(WAIT).until(() -> receiver.requests.stream()
                    .anyMatch(r -> r.body().contains(draft.toString())));
        }
    }

    @Test
    void endpointsBelongToTheirOwnerAndBadOnesAreRefused() throws Exception {
        String owner = Users.create();
        String id = register(owner, "http://127.0.0.1:9/hook", "[]").id();
        String stranger = Tokens.user(Users.create());
        given().auth().oauth2(stranger).get("/v1/webhooks/" + id).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(stranger).delete("/v1/webhooks/" + id).then().statusCode(404);
        given().auth().oauth2(stranger).post("/v1/webhooks/" + id + "/secret").then().statusCode(404);
        given().auth().oauth2(stranger).get("/v1/webhooks/" + id + "/deliveries").then().statusCode(404);
        given().auth().oauth2(stranger).get("/v1/webhooks").then().statusCode(200).body("size()", is(0));

        for (String body : List.of("{\"url\":\"ftp://example.com/x\"}", "{\"url\":\"not a url\"}", "{}",
                "{\"url\":\"http://127.0.0.1/h\",\"eventTypes\":[\"no.such-type\"]}", "{\"url\":\"http://127.0.0.1/h\",\"language\":\"!!\"}")) {
            given().auth().oauth2(stranger).contentType(ContentType.JSON).body(body).post("/v1/webhooks").then()
                    .statusCode(400).contentType("application/problem+json");
        }
        given().contentType(ContentType.JSON).body("{\"url\":\"http://127.0.0.1/h\"}").post("/v1/webhooks").then().statusCode(401);
        given().auth().oauth2(Tokens.user(owner)).delete("/v1/webhooks/" + id).then().statusCode(204);
        given().auth().oauth2(Tokens.user(owner)).get("/v1/webhooks/" + id).then().statusCode(404);
    }

    @Test
    void anOwnerMayRegisterUpToTenEndpointsEvenAtOnce() throws Exception {
        String owner = Users.create();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                answers.add(pool.submit(() -> given().auth().oauth2(Tokens.user(owner)).contentType(ContentType.JSON)
                        .body("{\"url\":\"http://127.0.0.1:9/hook\"}").post("/v1/webhooks").statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertEquals(10, statuses.stream().filter(status -> status == 201).count(), statuses.toString());
            assertEquals(2, statuses.stream().filter(status -> status == 409).count(), statuses.toString());
        } finally {
            pool.shutdown();
        }
        given().auth().oauth2(Tokens.user(owner)).contentType(ContentType.JSON).body("{\"url\":\"http://127.0.0.1:9/hook\"}")
                .post("/v1/webhooks").then().statusCode(409).contentType("application/problem+json")
                .body("code", is("too-many-endpoints"));
        String first = given().auth().oauth2(Tokens.user(owner)).get("/v1/webhooks").then().statusCode(200)
                .body("size()", is(10)).extract().path("[0].id");
        given().auth().oauth2(Tokens.user(owner)).delete("/v1/webhooks/" + first).then().statusCode(204);
        register(owner, "http://127.0.0.1:9/hook", "[]");
    }

    /**
     * Two instances, one receiver that holds its requests: while it holds three, a delivery to
     * another endpoint goes out; and a second instance, to which every claim of the first has
     * lapsed (its clock runs a lease ahead), sends none of the three again.
     */
    @Test
    void aSlowReceiverDelaysNoOtherEndpointAndNoInstanceSendsADeliveryAgain() throws Exception {
        String owner = Users.create();
        CountDownLatch release = new CountDownLatch(1);
        try (Receiver slow = new Receiver().heldUntil(release); Receiver other = new Receiver()) {
            String slowId = register(owner, slow.url(), "[\"likeness.verified\"]").id();
            register(owner, other.url(), "[\"likeness.suspended\"]");
            for (int i = 0; i < 3; i++) {
                Events.send(Upstream.verified(UUID.randomUUID(), Tokens.userId(owner)));
            }
            awaitRequests(slow, 3);
            Events.send(Upstream.suspended(UUID.randomUUID(), Tokens.userId(owner), "review"));
            awaitRequests(other, 1);

            WebhookDispatcher second = OtherInstance.dispatcher(Clock.offset(clock, config.lease().plusMillis(100)));
            List<CompletableFuture<Void>> sentBySecond = second.sendDue();
            release.countDown();

            CompletableFuture.allOf(sentBySecond.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            Awaitility.await().atMost(WAIT).until(() ->
                    deliveries(owner, slowId).getList("status").equals(List.of("DELIVERED", "DELIVERED", "DELIVERED")));
            assertEquals(3, slow.requests.size(), "each delivery once");
            assertEquals(3, slow.requests.stream().map(r -> r.header("webhook-id")).distinct().count());
            assertEquals(1, other.requests.size());
        }
    }

    @Test
    void theDeliveryLogComesInPagesLinkedByTheLinkHeader() throws Exception {
        String owner = Users.create();
        try (Receiver receiver = new Receiver()) {
            String id = register(owner, receiver.url(), "[\"likeness.verified\"]").id();
            for (int i = 0; i < 3; i++) {
                Events.send(Upstream.verified(UUID.randomUUID(), Tokens.userId(owner)));
            }
            awaitRequests(receiver, 3);
            List<String> all = deliveries(owner, id).getList("id");
            assertEquals(3, all.size());

            Response first = given().auth().oauth2(Tokens.user(owner)).get("/v1/webhooks/" + id + "/deliveries?limit=2");
            first.then().statusCode(200).body("size()", is(2));
            Matcher next = Pattern.compile("<([^>]+)>; rel=\"next\"").matcher(first.header("Link"));
            assertTrue(next.matches(), "Link: " + first.header("Link"));
            Response second = given().auth().oauth2(Tokens.user(owner)).get(next.group(1));
            second.then().statusCode(200).body("size()", is(1)).header("Link", nullValue());
            List<String> paged = new ArrayList<>(first.jsonPath().getList("id"));
            paged.addAll(second.jsonPath().getList("id"));
            assertEquals(all, paged, "newest first, each once");

            for (String query : List.of("limit=0", "limit=101", "cursor=not-a-cursor")) {
                given().auth().oauth2(Tokens.user(owner)).get("/v1/webhooks/" + id + "/deliveries?" + query).then()
                        .statusCode(400).contentType("application/problem+json").body("code", is("validation-failed"));
            }
        }
    }

    /** A registered endpoint; its secret is only ever shown in the registration's answer. */
    private record Endpoint(String id, String secret) {
    }

    private static Endpoint register(String owner, String url, String types) {
        JsonPath created = given().auth().oauth2(Tokens.user(owner)).contentType(ContentType.JSON)
                .body("{\"url\":\"" + url + "\",\"eventTypes\":" + types + ",\"description\":\"test\"}")
                .post("/v1/webhooks").then().statusCode(201).header("Location", containsString("/v1/webhooks/"))
                .body("secret", startsWith("whsec_")).extract().jsonPath();
        return new Endpoint(created.getString("id"), created.getString("secret"));
    }

    private static List<Receiver.Request> awaitRequests(Receiver receiver, int count) {
        Awaitility.await().atMost(WAIT).until(() -> receiver.requests.size() == count);
        return receiver.requests;
    }

    private static JsonPath awaitDelivery(String owner, String endpointId, String status) {
        Awaitility.await().atMost(WAIT).until(() -> status.equals(deliveries(owner, endpointId).getString("[0].status")));
        return deliveries(owner, endpointId);
    }

    private static JsonPath deliveries(String owner, String endpointId) {
        return given().auth().oauth2(Tokens.user(owner)).get("/v1/webhooks/" + endpointId + "/deliveries").then()
                .statusCode(200).extract().jsonPath();
    }
}
