package dev.likeness.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.ConfigOverrides;
import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A person's streams, opened and woken all at once, read far more than the pool's connections and
 * wait queue hold: what the pool refuses is read again, so every stream opens and gets the event.
 */
@QuarkusTest
@TestProfile(StreamOverloadTest.SmallPool.class)
class StreamOverloadTest {

    private static final int STREAMS = 60;

    public static class SmallPool extends ConfigOverrides {
        public SmallPool() {
            super("quarkus.datasource.reactive.max-size", "2", "likeness.database.max-wait-queue", "2");
        }
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void streamsTheDatabaseCannotServeAtOnceAreServedShortlyAfter() throws Exception {
        String owner = Users.create();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/notifications/stream"))
                .header("Authorization", "Bearer " + Tokens.user(owner)).header("Accept", "text/event-stream").build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>>> open = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            open.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofPublisher()));
        }
        AtomicInteger received = new AtomicInteger();
        List<Flow.Subscription> subscriptions = new ArrayList<>();
        for (var pending : open) {
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = pending.get(60, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            response.body().subscribe(new Flow.Subscriber<>() {
                private final StringBuilder text = new StringBuilder();

                public void onSubscribe(Flow.Subscription subscription) {
                    subscriptions.add(subscription);
                    subscription.request(Long.MAX_VALUE);
                }

                public void onNext(List<ByteBuffer> chunks) {
                    boolean before = text.indexOf("data:") >= 0;
                    chunks.forEach(chunk -> text.append(StandardCharsets.UTF_8.decode(chunk)));
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
        Events.send(Upstream.draftCreated(UUID.randomUUID(), Tokens.userId(owner), Tokens.userId("bob"), UUID.randomUUID()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> received.get() == STREAMS);
        subscriptions.forEach(Flow.Subscription::cancel);
    }
}
