package dev.likeness.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.likeness.captures.Captures;
import dev.likeness.captures.Captures.Container;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Enrolment from challenge to verified likeness, and every way a capture can be refused. */
@QuarkusTest
class EnrolmentTest {

    private static final int PART = 32 * 1024;

    @TestHTTPResource("/v1/enrolments")
    URI enrolments;

    @Test
    void anEnrolmentGivesARandomSingleUseChallengeThatExpiresInThreeMinutes() {
        String person = Users.create();
        var response = given().auth().oauth2(Tokens.user(person)).post("/v1/enrolments");
        response.then()
                .statusCode(201)
                .header("Location", matchesPattern(".*/v1/enrolments/[0-9a-f-]{36}"))
                .body("status", is("AWAITING_CAPTURE"))
                .body("challenge.digits", matchesPattern("[0-9]{6}"))
                .body("challenge.nonce", matchesPattern("[A-Za-z0-9_-]{24}"))
                .body("challenge.moves.size()", org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(2))
                        .and(org.hamcrest.Matchers.lessThanOrEqualTo(3)));
        OffsetDateTime expires = OffsetDateTime.parse(response.jsonPath().getString("expiresAt"));
        Duration left = Duration.between(OffsetDateTime.now(), expires);
        assertTrue(left.compareTo(Duration.ofMinutes(2)) > 0 && left.compareTo(Duration.ofMinutes(3)) <= 0, "expires in " + left);
        JsonPath other = Enrolments.start(person);
        assertTrue(!other.getString("challenge.nonce").equals(response.jsonPath().getString("challenge.nonce")));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void aCaptureWithVideoAndAudioVerifiesTheLikeness(Container container) {
        String person = Users.create();
        JsonPath enrolment = Enrolments.start(person);
        String likeness = Enrolments.submit(person, enrolment, container.mediaType, Enrolments.live(enrolment, container, Seeds.next()))
                .then()
                .statusCode(200)
                .body("status", is("VERIFIED"))
                .body("likenessId", notNullValue())
                .body("checks.name", org.hamcrest.Matchers.contains("capture-unique", "container", "video-track", "audio-track",
                        "duration", "tracks-agree", "one-face", "not-static", "head-turns", "speech", "digits"))
                .body("checks.passed", org.hamcrest.Matchers.everyItem(is(true)))
                .extract().path("likenessId");
        given().auth().oauth2(Tokens.user(person)).get("/v1/likenesses").then()
                .statusCode(200)
                .body("id", hasItem(likeness))
                .body("status", hasItem("VERIFIED"));
        Enrolments.submit(person, enrolment, container.mediaType, Captures.clip(container, 3, Seeds.next()))
                .then().statusCode(409).body("code", is("challenge-used"));
        given().auth().oauth2(Tokens.user(person)).post("/v1/enrolments").then()
                .statusCode(409).contentType("application/problem+json").body("code", is("already-enrolled"));
    }

    @Test
    void aCaptureWithoutAudioIsRejectedAndConsumesTheChallenge() {
        String person = Users.create();
        JsonPath enrolment = Enrolments.start(person);
        Enrolments.submit(person, enrolment, "video/mp4", Captures.withoutAudio(Container.MP4, 3, Seeds.next()))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", is("liveness-failed"))
                .body("errors.find { it.field == 'audio-track' }.hint", is("no-microphone"));
        JsonPath rejected = Enrolments.get(person, enrolment);
        assertEquals("REJECTED", rejected.getString("status"));
        assertEquals("no-microphone", rejected.getString("checks.find { it.name == 'audio-track' }.hint"), "the enrolment keeps the hint");
        Enrolments.submit(person, enrolment, "video/mp4", Captures.clip(Container.MP4, 3, Seeds.next()))
                .then().statusCode(409).body("code", is("challenge-used"));
    }

    @Test
    void tooShortAndTooLongCapturesAreRejected() {
        for (var length : List.of(Map.entry(1.0, "too-short"), Map.entry(12.0, "too-long"))) {
            String person = Users.create();
            Enrolments.submit(person, Enrolments.start(person), "video/webm", Captures.clip(Container.WEBM, length.getKey(), Seeds.next()))
                    .then()
                    .statusCode(422)
                    .body("errors.field", hasItem("duration"))
                    .body("errors.find { it.field == 'duration' }.message", containsString("required 2.00 s to 10.00 s"))
                    .body("errors.find { it.field == 'duration' }.hint", is(length.getValue()));
        }
    }

    @Test
    void theSameCaptureNeverVerifiesTwiceEvenForSomeoneElse() {
        String first = Users.create();
        JsonPath enrolment = Enrolments.start(first);
        byte[] capture = Enrolments.live(enrolment, Container.MP4, Seeds.next());
        Enrolments.submit(first, enrolment, "video/mp4", capture).then().statusCode(200);
        String second = Users.create();
        Enrolments.submit(second, Enrolments.start(second), "video/mp4", capture)
                .then().statusCode(422).body("errors.find { it.field == 'capture-unique' }.hint", is("recording-reused"));
    }

    @Test
    void aChallengeTakesOneCaptureAtATime() throws Exception {
        String person = Users.create();
        JsonPath enrolment = Enrolments.start(person);
        byte[] capture = Enrolments.live(enrolment, Container.MP4, Seeds.next());
        PipedOutputStream upload = new PipedOutputStream();
        PipedInputStream body = new PipedInputStream(upload, capture.length);
        HttpRequest slow = HttpRequest.newBuilder(URI.create(enrolments + "/" + enrolment.getString("id") + "/capture"))
                .header("Authorization", "Bearer " + Tokens.user(person))
                .header(Enrolments.NONCE, enrolment.getString("challenge.nonce"))
                .header("Content-Type", "video/mp4")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .build();
        CompletableFuture<HttpResponse<String>> first = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .sendAsync(slow, HttpResponse.BodyHandlers.ofString());
        // More than the server buffers (quarkus.rest.input-buffer-size, 10 KiB) before it hands the body over as a stream.
        upload.write(capture, 0, PART);
        upload.flush();
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> Enrolments.get(person, enrolment).getString("captureReceivedAt") != null);

        Enrolments.submit(person, enrolment, "video/mp4", capture)
                .then().statusCode(409).contentType("application/problem+json").body("code", is("capture-in-progress"));

        upload.write(capture, PART, capture.length - PART);
        upload.close();
        HttpResponse<String> verified = first.get(60, TimeUnit.SECONDS);
        assertEquals(200, verified.statusCode(), verified.body());
    }

    @Test
    void inputThatIsNoCaptureIsRefusedAndChangesNothing() {
        String person = Users.create();
        JsonPath enrolment = Enrolments.start(person);
        byte[] noise = new byte[4096];
        Seeds.fill(noise);

        Enrolments.submit(person, enrolment, "video/mp4", noise).then()
                .statusCode(422).contentType("application/problem+json").body("code", is("capture-unreadable"));
        Enrolments.submit(person, enrolment, "video/webm", Captures.clip(Container.MP4, 3, Seeds.next())).then()
                .statusCode(422).body("code", is("capture-unreadable"));
        Enrolments.submit(person, enrolment, "image/png", noise).then()
                .statusCode(415).contentType("application/problem+json");
        given().auth().oauth2(Tokens.user(person)).contentType("video/mp4").body(noise)
                .put("/v1/enrolments/{id}/capture", enrolment.getString("id")).then()
                .statusCode(400).body("errors[0].field", is(Enrolments.NONCE));
        given().auth().oauth2(Tokens.user(person)).header(Enrolments.NONCE, "not-the-nonce").contentType("video/mp4")
                .body(Captures.clip(Container.MP4, 3, Seeds.next()))
                .put("/v1/enrolments/{id}/capture", enrolment.getString("id")).then()
                .statusCode(422).body("code", is("challenge-mismatch"));
        given().auth().oauth2(Tokens.user(person)).header(Enrolments.NONCE, enrolment.getString("challenge.nonce"))
                .contentType("video/mp4").body(new byte[3 * 1024 * 1024])
                .put("/v1/enrolments/{id}/capture", enrolment.getString("id")).then()
                .statusCode(413).contentType("application/problem+json").body("code", is("capture-too-large"));

        assertEquals("AWAITING_CAPTURE", Enrolments.get(person, enrolment).getString("status"));
        Enrolments.submit(person, enrolment, "video/mp4", Enrolments.live(enrolment, Container.MP4, Seeds.next()))
                .then().statusCode(200).body("status", is("VERIFIED"));
    }

    @Test
    void anotherPersonsEnrolmentDoesNotExistForThem() {
        String owner = Users.create();
        JsonPath enrolment = Enrolments.start(owner);
        String stranger = Users.create();
        given().auth().oauth2(Tokens.user(stranger)).get("/v1/enrolments/{id}", enrolment.getString("id")).then()
                .statusCode(404).contentType("application/problem+json");
        Enrolments.submit(stranger, enrolment, "video/mp4", Captures.clip(Container.MP4, 3, Seeds.next()))
                .then().statusCode(404);
        assertEquals("AWAITING_CAPTURE", Enrolments.get(owner, enrolment).getString("status"));
    }

    @Test
    void unknownEnrolmentsAreNotFound() {
        String token = Tokens.user(Users.create());
        given().auth().oauth2(token).get("/v1/enrolments/{id}", java.util.UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json").body("code", is("not-found"));
        given().auth().oauth2(token).get("/v1/enrolments/not-a-uuid").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void onlyPeopleEnrol() {
        given().post("/v1/enrolments").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        String person = Users.create();
        given().auth().oauth2(Tokens.forged(Tokens.user(person))).post("/v1/enrolments").then()
                .statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.user(person)).get("/v1/enrolments").then().statusCode(405);
        given().auth().oauth2(Tokens.platform()).post("/v1/enrolments").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.platform()).get("/v1/likenesses").then().statusCode(403);
        given().auth().oauth2(Tokens.user(Users.create())).get("/v1/likenesses").then().statusCode(200).body("$", hasSize(0));
    }
}
