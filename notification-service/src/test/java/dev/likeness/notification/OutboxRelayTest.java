package dev.likeness.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.OutboxContract;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.quarkus.test.junit.QuarkusTest;

/** A notification and its notification.created event commit together and reach Kafka exactly once. */
@QuarkusTest
class OutboxRelayTest extends OutboxContract {

    private String owner;

    OutboxRelayTest() {
        super("likeness.notification.events", "dev.likeness.notification.notification.created.v1");
    }

    /** A likeness verified upstream: its owner's inbox gets one notification, keyed by the owner. */
    @Override
    protected String change() {
        owner = Users.create();
        Events.send(Upstream.verified(UUID.randomUUID(), Tokens.userId(owner)));
        AlertsTest.awaitInbox(owner, 1, "en");
        return Tokens.userId(owner);
    }

    @Override
    protected void assertPublished(String recipient, String subject, JsonNode data) {
        String notification = AlertsTest.awaitInbox(owner, 1, "en").getString("items[0].id");
        assertEquals(notification, subject);
        assertEquals(notification, data.get("notificationId").asText());
        assertEquals("likeness.verified", data.get("notificationType").asText());
    }
}
