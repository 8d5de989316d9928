package dev.likeness.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.OutboxContract;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import dev.likeness.kit.outbox.OutboxRelay;
import io.cloudevents.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** A notification and its notification.created event commit together and reach Kafka exactly once. */
@QuarkusTest
class OutboxRelayTest {

    private static final String TOPIC = "likeness.notification.events";
    private static final String CREATED = "dev.likeness.notification.notification.created.v1";

    @Inject
    OutboxRelay relay;
    @Inject
    Pool database;
    @Inject
    ObjectMapper json;

    @Test
    void aNotificationIsPublishedOnceAsACloudEvent() throws Exception {
        String owner = Users.create();
        Events.send(Upstream.verified(UUID.randomUUID(), Tokens.userId(owner)));
        CloudEvent event = OutboxContract.publishedOnce(TOPIC, Tokens.userId(owner), CREATED, "/notification-service");
        JsonNode data = json.readTree(event.getData().toBytes());
        assertEquals("likeness.verified", data.get("notificationType").asText());
        assertEquals(AlertsTest.awaitInbox(owner, 1, "en").getString("items[0].id"), data.get("notificationId").asText());
    }

    @Test
    void notificationsWhileTheRelayIsStoppedArePublishedOnceItRestarts() {
        String owner = Users.create();
        OutboxContract.publishedOnceAfterRelayRestart(relay::stop, relay::start, TOPIC, () -> {
            Events.send(Upstream.verified(UUID.randomUUID(), Tokens.userId(owner)));
            AlertsTest.awaitInbox(owner, 1, "en");
            return Tokens.userId(owner);
        });
    }

    @Test
    void aBatchCommittedBeforeACrashIsNotPublishedAgain() {
        String owner = Users.create();
        Events.send(Upstream.verified(UUID.randomUUID(), Tokens.userId(owner)));
        OutboxContract.crashLeftoverIsReconciled(database, relay::stop, relay::start,
                OutboxContract.published(TOPIC, Tokens.userId(owner), 1).get(0));
    }
}
