package dev.likeness.notification;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.apache.kafka.common.serialization.Serdes;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.ConfigOverrides;
import dev.likeness.devstack.testing.TestStack;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A client that stops reading costs its stream at most {@code likeness.stream.max-unsent} events:
 * the stream reads no further until the client reads again, and the client misses nothing, whether
 * it reads on or its stalled stream is cut and it reconnects with Last-Event-ID.
 */
@QuarkusTest
@TestProfile(StreamBackPressureTest.SmallBuffers.class)
class StreamBackPressureTest {

    private static final int MAX_UNSENT = 20;
    /** Far more than a stalled connection's sockets (some 15 events) and MAX_UNSENT hold together. */
    private static final int NOTIFICATIONS = 100;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern EVENT = Pattern.compile("id: ?(\\d+)\\r?\\ndata: ?([^\\r\\n]*)\\r?\\n\\r?\\n");
    private static final Pattern DRAFT = Pattern.compile("\"draftId\":\"([^\"]+)\"");
    private static final Pattern OPEN = Pattern.compile("(?m)^: ?open\\r?$");

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    MeterRegistry metrics;

    @BeforeEach
    void streamsOfOtherTestsHaveClosed() {
        Awaitility.await().atMost(WAIT).until(() -> gauge("likeness.streams.open") == 0);
    }

    @Test
    void aClientThatStopsReadingHoldsAtMostMaxUnsentAndGetsEverythingWhenItReadsAgain() throws Exception {
        String token = Tokens.user(Users.create());
        try (RawStream stalled = new RawStream(token, null)) {
            List<UUID> drafts = storeDrafts(token);
            // Stalled: the client's sockets are full, events wait on the server.
            Awaitility.await().atMost(WAIT).until(() -> unsent() > MAX_UNSENT / 2);
            // Everything is stored and the client reads nothing: the stream reads no further.
            Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> unsent() <= MAX_UNSENT);

            assertTrue(stalled.readUntil(() -> stalled.events().size() == NOTIFICATIONS), "the same stream goes on");
            assertEquals(range(1, NOTIFICATIONS), ids(stalled.events()));
            assertEquals(drafts, draftIds(stalled.events()));
            Awaitility.await().atMost(WAIT).until(() -> unsent() == 0);
        }
    }

    @Test
    void aStalledStreamThatMustEndIsCutAndItsClientResumesWithLastEventId() throws Exception {
        String token = Tokens.user(Users.create());
        List<UUID> drafts;
        List<Event> beforeCut;
        try (RawStream stalled = new RawStream(token, null)) {
            drafts = storeDrafts(token);
            Awaitility.await().atMost(WAIT).until(() -> unsent() > MAX_UNSENT / 2);
            // Ten newer streams close the oldest, the stalled one: its end would wait behind its events forever.
            try (ManyStreams newer = new ManyStreams(Collections.nCopies(10, request(token)))) {
                // A 200 comes before the stream subscribes, ": open" after: the last one open has cut
                // the stalled stream. Reading sooner could take everything first, and then its end
                // would be a graceful one on a connection kept alive.
                Awaitility.await().atMost(WAIT).until(() -> newer.opened.get() == 10);
                // Reads what the sockets held, up to the close.
                assertFalse(stalled.readUntil(() -> false), "the server closed the connection");
                assertEquals(0, newer.closed.get(), "only the stalled stream was cut");
            }
            beforeCut = stalled.events();
        }
        int received = beforeCut.size();
        assertTrue(received < NOTIFICATIONS, "cut before the end: " + received);
        assertEquals(range(1, received), ids(beforeCut));

        try (RawStream resumed = new RawStream(token, Integer.toString(received))) {
            assertTrue(resumed.readUntil(() -> resumed.events().size() == NOTIFICATIONS - received));
            assertEquals(range(received + 1, NOTIFICATIONS), ids(resumed.events()));
            List<UUID> all = new ArrayList<>(draftIds(beforeCut));
            all.addAll(draftIds(resumed.events()));
            assertEquals(drafts, all, "nothing lost, nothing repeated");
        }
    }

    /** NOTIFICATIONS drafts featuring the token's owner, in order (one likeness: one partition), all in their inbox. */
    private List<UUID> storeDrafts(String token) {
        String owner = Tokens.subject(token);
        UUID likeness = UUID.randomUUID();
        List<UUID> drafts = IntStream.range(0, NOTIFICATIONS).mapToObj(i -> UUID.randomUUID()).toList();
        TestStack.kafka().produce(Serdes.String(), Serdes.String())
                .fromRecords(drafts.stream().map(draft -> Upstream.draftCreated(likeness, owner, Tokens.userId("bob"), draft)).toList())
                .awaitCompletion(WAIT);
        Awaitility.await().atMost(WAIT).until(() -> given().auth().oauth2(token).get("/v1/notifications/unread-count")
                .then().statusCode(200).extract().<Integer>path("unread") == NOTIFICATIONS);
        return drafts;
    }

    private double unsent() {
        return gauge("likeness.streams.unsent");
    }

    private double gauge(String name) {
        return metrics.get(name).gauge().value();
    }

    private HttpRequest request(String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/notifications/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
    }

    private static List<Long> range(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }

    private static List<Long> ids(List<Event> events) {
        return events.stream().map(Event::id).toList();
    }

    private static List<UUID> draftIds(List<Event> events) {
        return events.stream().map(Event::draftId).toList();
    }

    private record Event(long id, UUID draftId) {
    }

    /**
     * A stream over a plain socket with a small receive buffer, read only when the test says so:
     * after its ": open" line the client reads nothing.
     */
    private final class RawStream implements AutoCloseable {

        private final Socket socket = new Socket();
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        RawStream(String token, String lastEventId) throws IOException {
            socket.setReceiveBufferSize(1024);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.setSoTimeout((int) WAIT.toMillis());
            String resume = lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n";
            socket.getOutputStream().write(("GET /v1/notifications/stream HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAuthorization: Bearer " + token + "\r\nAccept: text/event-stream\r\n" + resume + "\r\n").getBytes(UTF_8));
            assertTrue(readUntil(() -> OPEN.matcher(text()).find()), text());
        }

        /** Reads until the condition holds (true) or the server closes the connection (false). */
        boolean readUntil(BooleanSupplier condition) throws IOException {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (!condition.getAsBoolean()) {
                int read;
                try {
                    read = in.read(buffer);
                } catch (SocketException reset) {
                    return false;
                }
                if (read < 0) {
                    return false;
                }
                received.write(buffer, 0, read);
            }
            return true;
        }

        /** The complete events received: each one chunk of the response, so never split by chunk framing. */
        List<Event> events() {
            Matcher event = EVENT.matcher(text());
            List<Event> events = new ArrayList<>();
            while (event.find()) {
                Matcher draft = DRAFT.matcher(event.group(2));
                assertTrue(draft.find(), event.group(2));
                events.add(new Event(Long.parseLong(event.group(1)), UUID.fromString(draft.group(1))));
            }
            return events;
        }

        private String text() {
            return received.toString(UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    public static class SmallBuffers extends ConfigOverrides {
        public SmallBuffers() {
            super("likeness.stream.max-unsent", Integer.toString(MAX_UNSENT));
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(SmallSendBuffer.class);
        }
    }
}
