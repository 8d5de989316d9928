package dev.likeness.consent;

import static dev.likeness.consent.Fixtures.CONSENT_EVENTS;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.devstack.testing.OutboxContract;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.kit.outbox.OutboxRelay;
import io.cloudevents.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

/** A change and its event commit together; the relay puts each event on Kafka exactly once. */
@QuarkusTest
class OutboxRelayTest {

    private static final String AUDIENCE_CHANGED = "dev.likeness.consent.audience.changed.v1";

    @Inject
    OutboxRelay relay;
    @Inject
    Pool database;
    @Inject
    ObjectMapper json;

    @Test
    void aChangeIsPublishedOnceAsACloudEvent() throws Exception {
        UUID likeness = Fixtures.verifiedLikeness("alice");
        setAudience(likeness, "APPROVED");
        CloudEvent event = OutboxContract.publishedOnce(CONSENT_EVENTS, likeness.toString(), AUDIENCE_CHANGED, "/consent-service");
        assertEquals(likeness.toString(), event.getSubject());
        JsonNode data = json.readTree(event.getData().toBytes());
        assertEquals("APPROVED", data.path("audience").asText());
        assertEquals("ONLY_ME", data.path("previous").asText());
        assertEquals(2, data.path("revision").asLong());
        assertEquals(Tokens.userId("alice"), data.path("ownerId").asText());
    }

    @Test
    void changesWhileTheRelayIsStoppedArePublishedOnceItRestarts() {
        UUID likeness = Fixtures.verifiedLikeness("alice");
        OutboxContract.publishedOnceAfterRelayRestart(relay::stop, relay::start, CONSENT_EVENTS, () -> {
            setAudience(likeness, "EVERYONE");
            return likeness.toString();
        });
    }

    @Test
    void aBatchCommittedBeforeACrashIsNotPublishedAgain() {
        UUID likeness = Fixtures.verifiedLikeness("alice");
        setAudience(likeness, "APPROVED");
        OutboxContract.crashLeftoverIsReconciled(database, relay::stop, relay::start,
                OutboxContract.published(CONSENT_EVENTS, likeness.toString(), 1).get(0));
    }

    private static void setAudience(UUID likeness, String audience) {
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body("{\"audience\":\"" + audience + "\"}")
                .put("/v1/likenesses/{id}/audience", likeness).then().statusCode(200);
    }
}
