package dev.likeness.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** People choose channels per type, except for the critical types. */
@QuarkusTest
class PreferencesTest {

    @Test
    void aMutedTypeStaysOutOfTheInboxButCriticalOnesCannotBeMuted() {
        String person = Users.create();
        String token = Tokens.user(person);
        given().auth().oauth2(token).get("/v1/preferences").then().statusCode(200)
                .body("find { it.type == 'grant.created' }.channels.inbox", is(true))
                .body("find { it.type == 'draft.created' }.critical", is(true))
                .body("find { it.type == 'grant.created' }.critical", is(false));

        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"inbox\":false,\"stream\":false,\"webhook\":true}")
                .put("/v1/preferences/grant.created").then().statusCode(200).body("channels.inbox", is(false));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"inbox\":false,\"stream\":true,\"webhook\":true}")
                .put("/v1/preferences/draft.created").then().statusCode(422).contentType("application/problem+json")
                .body("code", is("critical-notification"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"inbox\":false}")
                .put("/v1/preferences/grant.revoked").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"inbox\":true,\"stream\":true,\"webhook\":true}")
                .put("/v1/preferences/no.such-type").then().statusCode(404).contentType("application/problem+json");

        UUID likeness = UUID.randomUUID();
        Events.send(Upstream.grantCreated(likeness, Tokens.userId("alice"), Tokens.userId(person), UUID.randomUUID()));
        Events.send(Upstream.draftCreated(likeness, Tokens.userId(person), Tokens.userId("bob"), UUID.randomUUID()));
        // Same partition: once the draft alert shows, the grant event was processed before it.
        assertEquals("draft.created", AlertsTest.awaitInbox(person, 1, "en").getString("items[0].type"));
        given().auth().oauth2(token).get("/v1/preferences").then()
                .body("find { it.type == 'grant.created' }.channels.inbox", is(false))
                .body("find { it.type == 'draft.created' }.channels.inbox", is(true));
    }

    @Test
    void preferencesNeedAToken() {
        given().get("/v1/preferences").then().statusCode(401).contentType("application/problem+json");
    }
}
