package dev.likeness.consent;

import static dev.likeness.consent.Fixtures.CONSENT_EVENTS;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.likeness.devstack.testing.OutboxContract;
import dev.likeness.devstack.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** An audience change and its event commit together; the relay puts each event on Kafka exactly once. */
@QuarkusTest
class OutboxRelayTest extends OutboxContract {

    OutboxRelayTest() {
        super(CONSENT_EVENTS, "dev.likeness.consent.audience.changed.v1");
    }

    @Override
    protected String change() {
        UUID likeness = Fixtures.verifiedLikeness("alice");
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body("{\"audience\":\"APPROVED\"}")
                .put("/v1/likenesses/{id}/audience", likeness).then().statusCode(200);
        return likeness.toString();
    }

    @Override
    protected void assertPublished(String likeness, String subject, JsonNode data) {
        assertEquals(likeness, subject);
        assertEquals("APPROVED", data.path("audience").asText());
        assertEquals("ONLY_ME", data.path("previous").asText());
        assertEquals(2, data.path("revision").asLong());
        assertEquals(Tokens.userId("alice"), data.path("ownerId").asText());
    }
}
