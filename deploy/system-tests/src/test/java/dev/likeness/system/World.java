package dev.likeness.system;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import org.awaitility.Awaitility;

import com.sun.net.httpserver.HttpServer;

import dev.likeness.captures.Captures;
import dev.likeness.devstack.Service;
import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Real data in the three services, made through their APIs as production makes it: an owner with
 * a verified likeness, enrolments (open, expired, used), a completed erasure, a grant, an access
 * request, a draft, a protected person, notifications and a delivered webhook; and a person for
 * trust and safety to erase, who is nobody else of this world. Every path parameter of every
 * endpoint can be filled with one of these ids ({@link #id}).
 */
final class World {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Seeds of the live captures, from a fixed base so a run replays; one each, as a capture verifies only once. */
    private static final AtomicLong CLIPS = new AtomicLong(50_000);

    /** An enrolment and the nonce of its challenge. */
    record Enrolment(String id, String nonce, String digits, List<String> moves) {
    }

    private final String owner = Users.create("Owner");
    private final String other = Users.create("Other");
    private final String creator = Users.create("Creator");
    /** Kept as an id: the person's account is gone once trust and safety erased them. */
    private final String erasableId = Users.id(Users.create("Erasable"));
    Enrolment open;
    Enrolment expired;
    Enrolment used;
    String likeness;
    String erasure;
    String grant;
    String accessRequest;
    String draft;
    String protectedPerson;
    String notification;
    String webhook;
    String delivery;

    private World() {
    }

    /** A new world of fresh people; returns once every asynchronous effect of the seeding has landed. */
    static World seed() {
        World world = new World();
        world.seedIdentity();
        world.seedConsent();
        world.seedNotification();
        return world;
    }

    String owner() {
        return owner;
    }

    String other() {
        return other;
    }

    String ownerId() {
        return Tokens.userId(owner);
    }

    String otherId() {
        return Tokens.userId(other);
    }

    String creatorId() {
        return Tokens.userId(creator);
    }

    /** The seeded id that fits a path parameter, chosen by the path segment before it. */
    String id(String path, String parameter) {
        String before = path.substring(0, path.indexOf("{" + parameter + "}"));
        String[] segments = before.split("/");
        String collection = segments[segments.length - 1];
        return switch (collection) {
            case "enrolments" -> open.id();
            case "likenesses" -> likeness;
            case "grants" -> grant;
            case "blocks" -> otherId();
            case "decisions" -> creatorId();
            case "access-requests" -> accessRequest;
            case "drafts" -> draft;
            case "follows" -> creatorId();
            case "protected-persons" -> protectedPerson;
            case "notifications" -> notification;
            case "webhooks" -> webhook;
            case "deliveries" -> delivery;
            case "persons" -> erasableId;
            case "erasures" -> erasure;
            case "preferences" -> "grant.created";
            default -> {
                if (segments.length > 1 && segments[segments.length - 2].equals("follows")) {
                    yield ownerId(); // the followee of /follows/{followerId}/{followeeId}
                }
                throw new IllegalArgumentException("no seeded id for {" + parameter + "} in " + path);
            }
        };
    }

    private void seedIdentity() {
        // Started before the likeness exists: a person with a likeness cannot start another enrolment.
        used = start(owner);
        open = start(owner);
        expired = start(owner);
        likeness = verify(owner, used);
        try (Connection identity = Databases.connect(Service.IDENTITY);
             PreparedStatement expire = identity.prepareStatement("UPDATE enrolment SET expires_at = now() - interval '1 minute' WHERE id = ?")) {
            expire.setObject(1, UUID.fromString(expired.id()));
            expire.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        // Completed before the suites start, so the account deletion changes no row while they run.
        erasure = given().baseUri(url(Service.IDENTITY)).auth().oauth2(Tokens.user("dana")).contentType(ContentType.JSON)
                .body("{\"reason\":\"Seeded\"}").post("/v1/persons/{personId}/erasure", Users.id(Users.create("Erased")))
                .then().statusCode(202).extract().path("id");
        Awaitility.await().atMost(WAIT).until(() -> "COMPLETED".equals(given().baseUri(url(Service.IDENTITY))
                .auth().oauth2(Tokens.user("dana")).get("/v1/erasures/{id}", erasure).then().statusCode(200).extract().path("status")));
    }

    static Enrolment start(String person) {
        JsonPath enrolment = as(person, Service.IDENTITY).post("/v1/enrolments").then().statusCode(201).extract().jsonPath();
        return new Enrolment(enrolment.getString("id"), enrolment.getString("challenge.nonce"), enrolment.getString("challenge.digits"),
                enrolment.getList("challenge.moves", String.class));
    }

    /** Answers the enrolment with the live capture changed by {@code failing}, which the verifier rejects (422). */
    static void fail(String person, Enrolment enrolment, UnaryOperator<Captures.Act> failing) {
        as(person, Service.IDENTITY).header("Likeness-Challenge-Nonce", enrolment.nonce()).contentType("video/mp4")
                .body(Captures.record(Captures.Container.MP4, failing.apply(Captures.live(enrolment.digits(), enrolment.moves())),
                        CLIPS.incrementAndGet()))
                .put("/v1/enrolments/{id}/capture", enrolment.id()).then().statusCode(422);
    }

    /** Answers the enrolment with a live capture; the likeness, once consent-service knows it too. */
    static String verify(String person, Enrolment enrolment) {
        String likeness = as(person, Service.IDENTITY).header("Likeness-Challenge-Nonce", enrolment.nonce()).contentType("video/mp4")
                .body(Captures.record(Captures.Container.MP4, Captures.live(enrolment.digits(), enrolment.moves()), CLIPS.incrementAndGet()))
                .put("/v1/enrolments/{id}/capture", enrolment.id()).then().statusCode(200).extract().path("likenessId");
        Awaitility.await().atMost(WAIT).until(() -> as(person, Service.CONSENT).get("/v1/likenesses/{id}", likeness).statusCode() == 200);
        return likeness;
    }

    private void seedConsent() {
        String l = "/v1/likenesses/" + likeness;
        as(owner, Service.CONSENT).contentType(ContentType.JSON).body("{\"audience\":\"APPROVED\"}").put(l + "/audience")
                .then().statusCode(200);
        grant = as(owner, Service.CONSENT).contentType(ContentType.JSON)
                .body("{\"granteeId\":\"" + creatorId() + "\",\"purposes\":[\"draft\",\"publish\"]}").post(l + "/grants")
                .then().statusCode(201).extract().path("id");
        accessRequest = as(other, Service.CONSENT).contentType(ContentType.JSON)
                .body("{\"likenessId\":\"" + likeness + "\",\"purposes\":[\"draft\"]}").post("/v1/access-requests")
                .then().statusCode(201).extract().path("id");
        protectedPerson = given().baseUri(url(Service.CONSENT)).auth().oauth2(Tokens.user("dana")).contentType(ContentType.JSON)
                .body("{\"name\":\"Seeded Person " + UUID.randomUUID() + "\",\"kind\":\"PUBLIC_FIGURE\"}").post("/v1/protected-persons")
                .then().statusCode(201).extract().path("id");
    }

    /** A check's requesterId and requesterToken: the creator, proven on the demo platform. */
    String requesterFields() {
        return "\"requesterId\":\"" + creatorId() + "\",\"requesterToken\":\"" + Tokens.requester(creator) + "\"";
    }

    /** The platform's consent token for the creator to feature the likeness for this purpose. */
    String consentToken(String purpose) {
        return platform(Service.CONSENT).contentType(ContentType.JSON)
                .body("{" + requesterFields() + ",\"likenessIds\":[\"" + likeness + "\"],\"purpose\":\"" + purpose + "\"}")
                .post("/v1/checks").then().statusCode(200).extract().path("consentToken");
    }

    /** A valid draft registration body for the creator, with a fresh consent token. */
    String draftBody() {
        return "{\"draftId\":\"draft-" + UUID.randomUUID() + "\",\"creatorId\":\"" + creatorId() + "\",\"creatorToken\":\""
                + Tokens.requester(creator) + "\",\"likenessIds\":[\""
                + likeness + "\"],\"consentToken\":\"" + consentToken("draft") + "\"}";
    }

    private void seedNotification() {
        // A receiver that accepts every delivery, so the seeded one is delivered and nothing stays due.
        HttpServer receiver;
        try {
            receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            webhook = as(owner, Service.NOTIFICATION).contentType(ContentType.JSON)
                    .body("{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\",\"eventTypes\":[\"draft.created\"]}")
                    .post("/v1/webhooks").then().statusCode(201).extract().path("id");
            draft = platform(Service.CONSENT).contentType(ContentType.JSON).body(draftBody()).post("/v1/drafts")
                    .then().statusCode(201).extract().path("id");
            Awaitility.await().atMost(WAIT).until(() -> as(owner, Service.NOTIFICATION).get("/v1/webhooks/{id}/deliveries", webhook)
                    .then().extract().jsonPath().getList("findAll { it.status == 'DELIVERED' }").size() == 1);
        } finally {
            receiver.stop(0);
        }
        delivery = as(owner, Service.NOTIFICATION).get("/v1/webhooks/{id}/deliveries", webhook).then().extract().path("[0].id");
        Awaitility.await().atMost(WAIT).until(() -> as(owner, Service.NOTIFICATION).queryParam("type", "access.requested")
                .get("/v1/notifications").then().extract().jsonPath().getList("items").size() == 1);
        notification = as(owner, Service.NOTIFICATION).get("/v1/notifications").then().statusCode(200).extract().path("items[0].id");
    }

    /**
     * A verified likeness (audience ONLY_ME) for a person who needs one but whose enrolment is not
     * the point: announced as identity-service does, returned once consent-service allows its owner.
     */
    static String announceLikeness(String owner) {
        String ownerId = Users.id(owner);
        UUID likeness = UUID.randomUUID();
        Events.send(Events.cloudEvent("likeness.identity.events", likeness.toString(), UUID.randomUUID().toString(),
                "dev.likeness.identity.likeness.verified.v1", "/identity-service", likeness.toString(), """
                        {"likenessId":"%s","ownerId":"%s","verifiedAt":"%s","method":"built-in"}"""
                        .formatted(likeness, ownerId, OffsetDateTime.now())));
        Awaitility.await().atMost(WAIT).until(() -> platform(Service.CONSENT).contentType(ContentType.JSON)
                .body("{\"requesterId\":\"" + ownerId + "\",\"requesterToken\":\"" + Tokens.requester(owner)
                        + "\",\"likenessIds\":[\"" + likeness + "\"],\"purpose\":\"draft\"}")
                .post("/v1/checks").then().extract().jsonPath().getBoolean("allowed"));
        return likeness.toString();
    }

    static RequestSpecification as(String person, Service service) {
        return given().baseUri(url(service)).auth().oauth2(Tokens.user(person));
    }

    static RequestSpecification platform(Service service) {
        return given().baseUri(url(service)).auth().oauth2(Tokens.platform());
    }

    static String url(Service service) {
        return PackagedServices.url(service);
    }
}
