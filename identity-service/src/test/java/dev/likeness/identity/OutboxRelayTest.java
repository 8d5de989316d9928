package dev.likeness.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.devstack.testing.OutboxContract;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import dev.likeness.kit.outbox.OutboxRelay;
import io.cloudevents.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** A verification and its likeness.verified event commit together and reach Kafka exactly once. */
@QuarkusTest
class OutboxRelayTest {

    /** Fixed seeds of this class' clips, so a run replays; distinct from other classes': a capture verifies only once. */
    private static final long CLIPS = 12_000;

    private static final String TOPIC = "likeness.identity.events";
    private static final String VERIFIED = "dev.likeness.identity.likeness.verified.v1";

    @Inject
    OutboxRelay relay;
    @Inject
    Pool database;
    @Inject
    ObjectMapper json;

    @Test
    void aVerificationIsPublishedOnceAsACloudEvent() throws Exception {
        String person = Users.create();
        String likeness = Enrolments.verifiedLikeness(person, CLIPS + 1);
        CloudEvent event = OutboxContract.publishedOnce(TOPIC, likeness, VERIFIED, "/identity-service");
        assertEquals(likeness, event.getSubject());
        JsonNode data = json.readTree(event.getData().toBytes());
        assertEquals(likeness, data.get("likenessId").asText());
        assertEquals(Tokens.userId(person), data.get("ownerId").asText());
        assertEquals("built-in", data.get("method").asText());
    }

    @Test
    void verificationsWhileTheRelayIsStoppedArePublishedOnceItRestarts() {
        String person = Users.create();
        OutboxContract.publishedOnceAfterRelayRestart(relay::stop, relay::start, TOPIC,
                () -> Enrolments.verifiedLikeness(person, CLIPS + 2));
    }

    @Test
    void aBatchCommittedBeforeACrashIsNotPublishedAgain() {
        String likeness = Enrolments.verifiedLikeness(Users.create(), CLIPS + 3);
        OutboxContract.crashLeftoverIsReconciled(database, relay::stop, relay::start,
                OutboxContract.published(TOPIC, likeness, 1).get(0));
    }
}
