package dev.likeness.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.devstack.Captures;
import dev.likeness.devstack.Service;
import dev.likeness.devstack.ServiceProcess;
import dev.likeness.devstack.StackInfo;
import dev.likeness.devstack.testing.TestStack;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.restassured.http.ContentType;

/**
 * How long after a platform registers a draft at consent-service the featured owner sees it on
 * their open live stream, at a sustained rate. Open loop: drafts are sent on a fixed schedule
 * whatever the answers, so a slow system shows as latency, not as a lower rate. Not part of the
 * test suite; run it with deploy/benchmark-draft-stream.sh (rate and duration as system
 * properties). Prints a table and writes it to target/draft-to-stream.md.
 */
class DraftToStreamBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<ServiceProcess> SERVICES = new ArrayList<>();
    private static String consent;
    private static String notification;

    private final int rate = Integer.getInteger("bench.rate", 200);
    private final Duration warmUp = Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 10));
    private final Duration measured = Duration.ofSeconds(Integer.getInteger("bench.seconds", 30));
    /** Drafts go round-robin to this many owners, each with a likeness and an open stream. */
    private final int owners = Integer.getInteger("bench.owners", 10);

    @BeforeAll
    static void startTheServices() throws Exception {
        StackInfo stack = TestStack.info();
        Path repository = Path.of(System.getProperty("likeness.repository"));
        for (Service service : Service.values()) {
            SERVICES.add(ServiceProcess.start(repository, service, stack, 0,
                    repository.resolve("deploy/system-tests/target/service-logs"), Map.of()));
        }
        for (ServiceProcess service : SERVICES) {
            service.awaitReady(Duration.ofMinutes(2));
        }
        consent = SERVICES.get(1).url();
        notification = SERVICES.get(2).url();
    }

    @AfterAll
    static void stopTheServices() {
        SERVICES.forEach(ServiceProcess::close);
    }

    @Test
    void draftToOwnersStream() throws Exception {
        Map<String, long[]> arrived = new ConcurrentHashMap<>();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String[]> featured = new ArrayList<>();
        for (int i = 0; i < owners; i++) {
            String owner = Users.create("Olive");
            String likeness = enrol(owner, SERVICES.get(0).url());
            given().baseUri(consent).auth().oauth2(Tokens.user(owner)).contentType(ContentType.JSON).body("{\"audience\":\"EVERYONE\"}")
                    .put("/v1/likenesses/{id}/audience", likeness).then().statusCode(200);
            String consentToken = given().baseUri(consent).auth().oauth2(Tokens.platform()).contentType(ContentType.JSON)
                    .body("{\"requesterId\":\"" + Tokens.userId("bob") + "\",\"likenessIds\":[\"" + likeness + "\"],\"purpose\":\"draft\"}")
                    .post("/v1/checks").then().statusCode(200).body("allowed", is(true)).extract().path("consentToken");
            openStream(http, Tokens.user(owner), arrived);
            featured.add(new String[] {likeness, consentToken});
        }

        run(http, featured, warmUp, new ConcurrentHashMap<>(), new AtomicInteger());
        Map<String, long[]> sent = new ConcurrentHashMap<>();
        AtomicInteger failed = new AtomicInteger();
        long started = System.nanoTime();
        run(http, featured, measured, sent, failed);
        double seconds = (System.nanoTime() - started) / 1e9;
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> sent.keySet().stream().allMatch(arrived::containsKey));

        List<Long> total = segment(sent, arrived, (out, in) -> in[1] - out[0]);
        List<Long> registration = segment(sent, arrived, (out, in) -> out[1] - out[0]);
        List<Long> toInbox = segment(sent, arrived, (out, in) -> in[0] - out[0]);
        List<Long> toStream = segment(sent, arrived, (out, in) -> in[1] - in[0]);
        String table = """
                | draft registered at consent-service → event on the owner's SSE stream | |
                | --- | --- |
                | target rate | %d drafts/s for %d s (after %d s warm-up), over %d owners |
                | registered (201) | %d (%.0f/s), %d failed |
                | on the stream | %d, %d missing |
                | p50 / p90 / p99 / max, draft sent → on the stream | %s |
                | of which: sent → 201 answered | %s |
                | sent → notification stored (consent outbox, Kafka, consumer) | %s |
                | notification stored → on the stream | %s |
                """.formatted(rate, measured.toSeconds(), warmUp.toSeconds(), owners, sent.size(), sent.size() / seconds, failed.get(),
                total.size(), sent.size() - total.size(), quantiles(total), quantiles(registration), quantiles(toInbox),
                quantiles(toStream));
        System.out.println(table);
        Files.writeString(Path.of("target/draft-to-stream.md"), table);
    }

    /** Sends drafts on a fixed schedule; records when each registered one was sent, by its id. */
    private void run(HttpClient http, List<String[]> featured, Duration length, Map<String, long[]> sent,
                     AtomicInteger failed) throws InterruptedException {
        String platform = Tokens.platform();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger pending = new AtomicInteger();
        long total = rate * length.toSeconds();
        AtomicInteger issued = new AtomicInteger();
        clock.scheduleAtFixedRate(() -> {
            if (issued.incrementAndGet() > total) {
                return;
            }
            long at = micros();
            pending.incrementAndGet();
            String[] target = featured.get(issued.get() % featured.size());
            String likeness = target[0];
            String consentToken = target[1];
            String body = "{\"draftId\":\"bench-" + at + "-" + issued.get() + "\",\"creatorId\":\"" + Tokens.userId("bob")
                    + "\",\"likenessIds\":[\"" + likeness + "\"],\"consentToken\":\"" + consentToken + "\"}";
            http.sendAsync(HttpRequest.newBuilder(URI.create(consent + "/v1/drafts")).header("Authorization", "Bearer " + platform)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                        try {
                            if (failure == null && response.statusCode() == 201) {
                                sent.put(JSON.readTree(response.body()).get("id").asText(), new long[] {at, micros()});
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
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> pending.get() == 0);
    }

    /** Records when each draft's event arrives, by draft id. */
    private static void openStream(HttpClient http, String token, Map<String, long[]> arrived) throws Exception {
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = http.send(HttpRequest.newBuilder(URI.create(notification
                        + "/v1/notifications/stream")).header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofPublisher());
        response.body().subscribe(new Flow.Subscriber<>() {
            private final StringBuilder buffer = new StringBuilder();

            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            public void onNext(List<ByteBuffer> chunks) {
                long now = micros();
                chunks.forEach(chunk -> buffer.append(StandardCharsets.UTF_8.decode(chunk)));
                int end;
                while ((end = buffer.indexOf("\n")) >= 0) {
                    String line = buffer.substring(0, end);
                    buffer.delete(0, end + 1);
                    if (line.startsWith("data:")) {
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
            }

            public void onComplete() {
            }
        });
    }

    private static String enrol(String person, String identity) {
        var enrolment = given().baseUri(identity).auth().oauth2(Tokens.user(person)).post("/v1/enrolments").then().statusCode(201)
                .extract().jsonPath();
        String likeness = given().baseUri(identity).auth().oauth2(Tokens.user(person))
                .header("Likeness-Challenge-Nonce", enrolment.getString("challenge.nonce")).contentType("video/mp4")
                .body(Captures.record(Captures.Container.MP4, Captures.live(enrolment.getString("challenge.digits"),
                        enrolment.getList("challenge.moves", String.class)), System.nanoTime()))
                .put("/v1/enrolments/{id}/capture", enrolment.getString("id")).then().statusCode(200).extract().path("likenessId");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> given().baseUri(consent).auth().oauth2(Tokens.user(person))
                .get("/v1/likenesses/{id}", likeness).statusCode() == 200);
        return likeness;
    }

    private static long micros() {
        return micros(Instant.now());
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
    }

    private static List<Long> segment(Map<String, long[]> sent, Map<String, long[]> arrived,
                                      java.util.function.BiFunction<long[], long[], Long> between) {
        return sent.entrySet().stream().filter(e -> arrived.containsKey(e.getKey()))
                .map(e -> between.apply(e.getValue(), arrived.get(e.getKey()))).sorted().toList();
    }

    private static String quantiles(List<Long> sortedMicros) {
        return "%.0f / %.0f / %.0f / %.0f ms".formatted(ms(sortedMicros, 0.50), ms(sortedMicros, 0.90), ms(sortedMicros, 0.99),
                ms(sortedMicros, 1.0));
    }

    private static double ms(List<Long> sortedMicros, double quantile) {
        if (sortedMicros.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedMicros.size() - 1, Math.ceil(quantile * sortedMicros.size()) - 1);
        return sortedMicros.get(Math.max(0, index)) / 1e3;
    }
}
