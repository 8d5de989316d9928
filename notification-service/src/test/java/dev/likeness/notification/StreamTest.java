package dev.likeness.notification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.launchdarkly.eventsource.CommentEvent;
import com.launchdarkly.eventsource.ConnectStrategy;
import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import com.launchdarkly.eventsource.StreamEvent;

import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.quarkus.test.junit.QuarkusTest;

/** The live stream, read by a third-party SSE client (LaunchDarkly's okhttp-eventsource). */
@QuarkusTest
class StreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void notificationsArriveLiveAndAReconnectResumesAfterTheLastEventId() throws Exception {
        String owner = Users.create();
        String token = Tokens.user(owner);
        UUID likeness = UUID.randomUUID();
        String lastId;
        try (EventSource stream = open(token, null)) {
            stream.start();
            UUID draft = UUID.randomUUID();
            Events.send(Upstream.draftCreated(likeness, Tokens.userId(owner), Tokens.userId("bob"), draft));
            MessageEvent first = nextMessage(stream);
            JsonNode data = JSON.readTree(first.getData());
            assertEquals("draft.created", data.get("type").asText());
            assertEquals(draft.toString(), data.get("draftId").asText());
            assertEquals("Bob made a draft featuring you.", data.get("text").asText());
            assertEquals("1", first.getLastEventId());
            lastId = first.getLastEventId();
        }
        // Missed while disconnected: three more.
        List<UUID> missed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            missed.add(UUID.randomUUID());
            Events.send(Upstream.draftCreated(likeness, Tokens.userId(owner), Tokens.userId("carol"), missed.get(i)));
        }
        AlertsTest.awaitInbox(owner, 4, "en");
        try (EventSource stream = open(token, lastId)) {
            stream.start();
            for (int i = 0; i < 3; i++) {
                MessageEvent event = nextMessage(stream);
                assertEquals(Integer.toString(i + 2), event.getLastEventId());
                assertEquals(missed.get(i).toString(), JSON.readTree(event.getData()).get("draftId").asText());
            }
            Events.send(Upstream.verified(likeness, Tokens.userId(owner)));
            assertEquals("likeness.verified", JSON.readTree(nextMessage(stream).getData()).get("type").asText());
        }
    }

    /** The stream's first comment line, however the server spaces it. */
    private static final java.util.regex.Pattern OPEN = java.util.regex.Pattern.compile("(?m)^: ?open\\r?$");

    @Test
    void heartbeatsKeepAnIdleStreamAlive() throws Exception {
        try (EventSource stream = open(Tokens.user(Users.create()), null)) {
            stream.start();
            StreamEvent event = stream.readAnyEvent();
            while (!(event instanceof CommentEvent)) {
                event = stream.readAnyEvent();
            }
            assertEquals("open", ((CommentEvent) event).getText(), "the stream says first where it starts");
            event = stream.readAnyEvent();
            while (!(event instanceof CommentEvent)) {
                event = stream.readAnyEvent();
            }
            assertInstanceOf(CommentEvent.class, event);
            assertEquals("heartbeat", ((CommentEvent) event).getText());
        }
    }

    @Test
    void manyStreamsShareTheEventLoopsNotAThreadEach() throws Exception {
        String owner = Users.create();
        String token = Tokens.user(owner);
        int streams = 300;
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        // HTTP/1.1: a connection per stream, as browsers' EventSource mostly has.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger received = new AtomicInteger();
        AtomicInteger opened = new AtomicInteger();
        List<Flow.Subscription> subscriptions = new CopyOnWriteArrayList<>();
        List<StringBuilder> texts = new CopyOnWriteArrayList<>();
        List<CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>>> open = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            open.add(client.sendAsync(request(token), HttpResponse.BodyHandlers.ofPublisher()));
        }
        for (var pending : open) {
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = pending.get(60, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            response.body().subscribe(new Flow.Subscriber<>() {
                private final StringBuilder text = new StringBuilder();

                public void onSubscribe(Flow.Subscription subscription) {
                    texts.add(text);
                    subscriptions.add(subscription);
                    subscription.request(Long.MAX_VALUE);
                }

                public void onNext(List<ByteBuffer> chunks) {
                    boolean wasOpen = OPEN.matcher(text).find();
                    boolean before = text.indexOf("data:") >= 0;
                    chunks.forEach(chunk -> text.append(StandardCharsets.UTF_8.decode(chunk)));
                    if (!wasOpen && OPEN.matcher(text).find()) {
                        opened.incrementAndGet();
                    }
                    if (!before && text.indexOf("data:") >= 0) {
                        received.incrementAndGet();
                    }
                }

                public void onError(Throwable failure) {
                }

                public void onComplete() {
                }
            });
        }
        int threadsOpen = ManagementFactory.getThreadMXBean().getThreadCount();
        // A 200 is sent before the stream knows where it starts: its ": open" comment says it does.
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> opened.get() == streams);
        Events.send(Upstream.draftCreated(UUID.randomUUID(), Tokens.userId(owner), Tokens.userId("bob"), UUID.randomUUID()));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> received.get() == streams);
        // On the wire an event is only its id and data lines (heartbeats are comments).
        String wire;
        synchronized (texts.get(0)) {
            wire = texts.get(0).toString();
        }
        assertEquals(List.of(), wire.lines().filter(line -> !line.isEmpty() && !line.startsWith(":")
                && !line.startsWith("id:") && !line.startsWith("data:")).toList(), wire);
        assertTrue(threadsOpen - threadsBefore < 50,
                "threads grew from " + threadsBefore + " to " + threadsOpen + " for " + streams + " streams");
        subscriptions.forEach(Flow.Subscription::cancel);
    }

    @Test
    void streamsNeedAValidTokenAndAValidLastEventId() {
        given().accept("text/event-stream").get("/v1/notifications/stream").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.user(Users.create())).accept("text/event-stream").header("Last-Event-ID", "yesterday")
                .get("/v1/notifications/stream").then().statusCode(400).contentType("application/problem+json");
    }

    private EventSource open(String token, String lastEventId) {
        EventSource.Builder builder = new EventSource.Builder(ConnectStrategy.http(URI.create(url()))
                .header("Authorization", "Bearer " + token).readTimeout(30, TimeUnit.SECONDS));
        if (lastEventId != null) {
            builder.lastEventId(lastEventId);
        }
        return builder.build();
    }

    private HttpRequest request(String token) {
        return HttpRequest.newBuilder(URI.create(url())).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").build();
    }

    private String url() {
        return "http://127.0.0.1:" + port + "/v1/notifications/stream";
    }

    private static MessageEvent nextMessage(EventSource stream) throws Exception {
        return stream.readMessage();
    }
}
