package dev.likeness.notification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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
        // 10 people with the 10 streams each may hold: far more streams than the threads the test allows to appear
        List<String> people = new ArrayList<>();
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            people.add(Users.create());
            requests.addAll(Collections.nCopies(10, request(Tokens.user(people.get(i)))));
        }
        int streams = requests.size();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        try (ManyStreams open = new ManyStreams(requests)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> open.opened.get() == streams);
            int threadsOpen = ManagementFactory.getThreadMXBean().getThreadCount();
            for (String person : people) {
                Events.send(Upstream.draftCreated(UUID.randomUUID(), Tokens.userId(person), Tokens.userId("bob"), UUID.randomUUID()));
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> open.received.get() == streams);
            // On the wire an event is only its id and data lines (heartbeats are comments).
            String wire = open.firstText();
            assertEquals(List.of(), wire.lines().filter(line -> !line.isEmpty() && !line.startsWith(":")
                    && !line.startsWith("id:") && !line.startsWith("data:")).toList(), wire);
            assertTrue(threadsOpen - threadsBefore < 20,
                    "threads grew from " + threadsBefore + " to " + threadsOpen + " for " + streams + " streams");
            assertEquals(0, open.closed.get(), "nobody holds more than their 10 streams");
        }
    }

    @Test
    void aPersonsEleventhStreamClosesTheirOldest() throws Exception {
        String owner = Users.create();
        try (ManyStreams open = new ManyStreams(Collections.nCopies(11, request(Tokens.user(owner))))) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> open.closed.get() == 1);
            Events.send(Upstream.draftCreated(UUID.randomUUID(), Tokens.userId(owner), Tokens.userId("bob"), UUID.randomUUID()));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> open.received.get() == 10);
            assertEquals(1, open.closed.get(), "only the oldest closed");
        }
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
