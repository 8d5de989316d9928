package dev.likeness.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The inbox pages newest first with an opaque cursor; bad requests are problems. */
@QuarkusTest
class InboxTest {

    @Test
    void pagesWalkTheWholeInboxNewestFirstWithoutRepeats() {
        String owner = Users.create();
        UUID likeness = UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            Events.send(Upstream.draftCreated(likeness, Tokens.userId(owner), Tokens.userId("bob"), UUID.randomUUID()));
        }
        AlertsTest.awaitInbox(owner, 5, "en");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(Tokens.user(owner)).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/notifications").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(AlertsTest.inbox(owner, "en").getList("items.id"), seen);
        assertEquals(5, seen.stream().distinct().count());
        assertNull(given().auth().oauth2(Tokens.user(owner)).queryParam("limit", 5).get("/v1/notifications")
                .then().extract().path("nextCursor"));
    }

    @Test
    void badQueriesAreProblems() {
        String token = Tokens.user(Users.create());
        given().auth().oauth2(token).queryParam("limit", 0).get("/v1/notifications").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("limit"));
        given().auth().oauth2(token).queryParam("limit", 1000).get("/v1/notifications").then().statusCode(400);
        given().auth().oauth2(token).queryParam("cursor", "not-a-cursor").get("/v1/notifications").then()
                .statusCode(400).body("errors[0].field", is("cursor"));
    }

    @Test
    void onlyPeopleHaveAnInbox() {
        given().get("/v1/notifications").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.forged(Tokens.user("alice"))).get("/v1/notifications").then()
                .statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.platform()).get("/v1/notifications").then()
                .statusCode(403).contentType("application/problem+json");
    }
}
