package dev.likeness.notification;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.UUID;

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
 * wait queue hold: what the pool refuses is read again, so every stream opens, then gets the event.
 */
@QuarkusTest
@TestProfile(StreamOverloadTest.SmallPool.class)
class StreamOverloadTest {

    private static final int STREAMS = 60;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void streamsTheDatabaseCannotServeAtOnceAreServedShortlyAfter() throws Exception {
        String owner = Users.create();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/notifications/stream"))
                .header("Authorization", "Bearer " + Tokens.user(owner)).header("Accept", "text/event-stream").build();
        try (ManyStreams streams = new ManyStreams(Collections.nCopies(STREAMS, request))) {
            // A stream starts with the next notification once it has found where it starts (": open"),
            // which the pool's refusals delay: an event sent before then is not one a stream owes.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> streams.opened.get() == STREAMS);
            Events.send(Upstream.draftCreated(UUID.randomUUID(), Tokens.userId(owner), Tokens.userId("bob"), UUID.randomUUID()));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> streams.received.get() == STREAMS);
        }
    }

    public static class SmallPool extends ConfigOverrides {
        public SmallPool() {
            super("quarkus.datasource.reactive.max-size", "2", "likeness.database.max-wait-queue", "2",
                    "likeness.stream.max-per-recipient", Integer.toString(STREAMS));
        }
    }
}
