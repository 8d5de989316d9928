package dev.likeness.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;

import dev.likeness.devstack.testing.OutboxContract;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.quarkus.test.junit.QuarkusTest;

/** A verification and its likeness.verified event commit together and reach Kafka exactly once. */
@QuarkusTest
class OutboxRelayTest extends OutboxContract {

    private String person;

    OutboxRelayTest() {
        super("likeness.identity.events", "dev.likeness.identity.likeness.verified.v1");
    }

    @Override
    protected String change() {
        person = Users.create();
        return Enrolments.verifiedLikeness(person, Seeds.next());
    }

    @Override
    protected void assertPublished(String likeness, String subject, JsonNode data) {
        assertEquals(likeness, subject);
        assertEquals(likeness, data.get("likenessId").asText());
        assertEquals(Tokens.userId(person), data.get("ownerId").asText());
        assertEquals("built-in", data.get("method").asText());
    }
}
