package dev.likeness.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.captures.Captures;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.restassured.http.ContentType;

/**
 * How long after a platform registers a draft at consent-service the featured owner sees it on
 * their open live stream, at a sustained rate. Open loop: drafts are sent on a fixed schedule
 * whatever the answers, so a slow system shows as latency, not as a lower rate.
 */
final class DraftStream {

    /** One run: drafts registered, how many reached the stream, and latencies in ms (sorted). */
    record Run(int registered, int failed, int missing, double seconds, double[] total, double[] registration,
               double[] storedToStream) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Seeds of the owners' live captures, from a fixed base so a run replays; one each, as a capture verifies only once. */
    private static final AtomicLong CLIPS = new AtomicLong(54_000);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, long[]> arrived = new ConcurrentHashMap<>();
    private final List<String> likenesses = new ArrayList<>();
    private final String consent;

    private DraftStream(String consent) {
        this.consent = consent;
    }

    /** Enrols {@code owners} people (audience EVERYONE), each with an open stream. */
    static DraftStream open(String identity, String consent, String notification, int owners) throws Exception {
        DraftStream stream = new DraftStream(consent);
        for (int i = 0; i < owners; i++) {
            String owner = Users.create("Olive");
            String likeness = enrol(owner, identity, consent);
            given().baseUri(consent).auth().oauth2(Tokens.user(owner)).contentType(ContentType.JSON).body("{\"audience\":\"EVERYONE\"}")
                    .put("/v1/likenesses/{id}/audience", likeness).then().statusCode(200);
            stream.listen(notification, owner, null);
            stream.likenesses.add(likeness);
        }
        return stream;
    }

    /** Sends {@code rate} drafts a second for {@code length}, round-robin over the owners, then waits for every event. */
    Run run(Duration length, int rate) throws Exception {
        List<String> consentTokens = new ArrayList<>();
        String proof = Tokens.freshRequester("bob"); // fresh for each run, as the consent tokens: both live 5 minutes
        for (String likeness : likenesses) {
            consentTokens.add(given().baseUri(consent).auth().oauth2(Tokens.platform()).contentType(ContentType.JSON)
                    .body("{\"requesterId\":\"" + Tokens.userId("bob") + "\",\"requesterToken\":\"" + proof + "\",\"likenessIds\":[\""
                            + likeness + "\"],\"purpose\":\"draft\"}")
                    .post("/v1/checks").then().statusCode(200).body("allowed", is(true)).extract().path("consentToken"));
        }
        Map<String, long[]> sent = new ConcurrentHashMap<>();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger pending = new AtomicInteger();
        AtomicInteger issued = new AtomicInteger();
        String platform = Tokens.freshPlatform();
        long total = rate * length.toSeconds();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long started = System.nanoTime();
        clock.scheduleAtFixedRate(() -> {
            int n = issued.incrementAndGet();
            if (n > total) {
                return;
            }
            long at = micros(Instant.now());
            pending.incrementAndGet();
            String body = "{\"draftId\":\"bench-" + at + "-" + n + "\",\"creatorId\":\"" + Tokens.userId("bob")
                    + "\",\"creatorToken\":\"" + proof + "\",\"likenessIds\":[\"" + likenesses.get(n % likenesses.size()) + "\"],\"consentToken\":\""
                    + consentTokens.get(n % likenesses.size()) + "\"}";
            http.sendAsync(HttpRequest.newBuilder(URI.create(consent + "/v1/drafts")).header("Authorization", "Bearer " + platform)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                        try {
                            if (failure == null && response.statusCode() == 201) {
                                sent.put(JSON.readTree(response.body()).get("id").asText(), new long[] {at, micros(Instant.now())});
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        } finally {
                            pending.decrementAndGet();
                        }
                    });
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        Thread.sleep(length.toMillis());
        clock.shutdown();
        clock.awaitTermination(10, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - started) / 1e9;
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> pending.get() == 0);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> sent.keySet().stream().allMatch(arrived::containsKey));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported as missing
        }
        int missing = (int) sent.keySet().stream().filter(id -> !arrived.containsKey(id)).count();
        return new Run(sent.size(), failed.get(), missing, seconds, between(sent, (out, in) -> in[1] - out[0]),
                between(sent, (out, in) -> out[1] - out[0]), between(sent, (out, in) -> in[1] - in[0]));
    }

    static double quantile(double[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
    }

    private interface Segment {
        long of(long[] sent, long[] arrived);
    }

    private double[] between(Map<String, long[]> sent, Segment segment) {
        return sent.entrySet().stream().filter(e -> arrived.containsKey(e.getKey()))
                .mapToDouble(e -> segment.of(e.getValue(), arrived.get(e.getKey())) / 1e3).sorted().toArray();
    }

    /**
     * Records when each draft's event arrives, by draft id, with when its notification was stored.
     * Like an EventSource, it reconnects when the stream ends (at the access token's expiry, 5
     * minutes: a run can outlast it) with a fresh token and the last event id, missing nothing.
     */
    private void listen(String notification, String owner, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(notification + "/v1/notifications/stream"))
                .header("Authorization", "Bearer " + Tokens.freshUser(owner)).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofPublisher());
        response.body().subscribe(new Flow.Subscriber<>() {
            private final StringBuilder buffer = new StringBuilder();
            private String lastId = lastEventId;

            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            public void onNext(List<ByteBuffer> chunks) {
                long now = micros(Instant.now());
                chunks.forEach(chunk -> buffer.append(StandardCharsets.UTF_8.decode(chunk)));
                int end;
                while ((end = buffer.indexOf("\n")) >= 0) {
                    String line = buffer.substring(0, end);
                    buffer.delete(0, end + 1);
                    if (line.startsWith("id:")) {
                        lastId = line.substring(3).strip();
                    } else if (line.startsWith("data:")) {
                        try {
                            var data = JSON.readTree(line.substring(5));
                            if (data.has("draftId")) {
                                long stored = micros(OffsetDateTime.parse(data.get("createdAt").asText()).toInstant());
                                arrived.putIfAbsent(data.get("draftId").asText(), new long[] {stored, now});
                            }
                        } catch (Exception ignored) {
                            // not a notification
                        }
                    }
                }
            }

            public void onError(Throwable failure) {
                reconnect();
            }

            public void onComplete() {
                reconnect();
            }

            private void reconnect() {
                try {
                    listen(notification, owner, lastId);
                } catch (Exception e) {
                    // The service stopped (the benchmark is over); an event this loses is counted as missing.
                }
            }
        });
    }

    private static String enrol(String person, String identity, String consent) {
        var enrolment = given().baseUri(identity).auth().oauth2(Tokens.user(person)).post("/v1/enrolments").then().statusCode(201)
                .extract().jsonPath();
        String likeness = given().baseUri(identity).auth().oauth2(Tokens.user(person))
                .header("Likeness-Challenge-Nonce", enrolment.getString("challenge.nonce")).contentType("video/mp4")
                .body(Captures.record(Captures.Container.MP4, Captures.live(enrolment.getString("challenge.digits"),
                        enrolment.getList("challenge.moves", String.class)), CLIPS.incrementAndGet()))
                .put("/v1/enrolments/{id}/capture", enrolment.getString("id")).then().log().ifValidationFails().statusCode(200).extract().path("likenessId");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> given().baseUri(consent).auth().oauth2(Tokens.user(person))
                .get("/v1/likenesses/{id}", likeness).statusCode() == 200);
        return likeness;
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
    }
}
