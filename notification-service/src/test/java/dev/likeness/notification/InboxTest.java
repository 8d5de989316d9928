package dev.likeness.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
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
        sendDrafts(UUID.randomUUID(), owner, "bob", 5);
        AlertsTest.awaitInbox(owner, 5, "en");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = pageOfTwo(owner, cursor);
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(AlertsTest.inbox(owner, "en").getList("items.id"), seen);
        assertEquals(5, seen.stream().distinct().count());
        assertNull(given().auth().oauth2(Tokens.user(owner)).queryParam("limit", 5).get("/v1/notifications")
                .then().extract().path("nextCursor"));
    }

    @Test
    void pagesStayStableWhileNewNotificationsArrive() {
        String owner = Users.create();
        UUID likeness = UUID.randomUUID();
        sendDrafts(likeness, owner, "bob", 4);
        List<String> firstFour = AlertsTest.awaitInbox(owner, 4, "en").getList("items.id");
        JsonPath first = pageOfTwo(owner, null);
        sendDrafts(likeness, owner, "carol", 3);
        AlertsTest.awaitInbox(owner, 7, "en");
        JsonPath second = pageOfTwo(owner, first.getString("nextCursor"));
        List<String> walked = new ArrayList<>(first.getList("items.id"));
        walked.addAll(second.getList("items.id"));
        assertEquals(firstFour, walked, "the newer notifications do not shift the older pages");
        assertNull(second.getString("nextCursor"));
    }

    @Test
    void readArchiveAndUnreadCountFollowThePerson() {
        String owner = Users.create();
        String token = Tokens.user(owner);
        UUID likeness = UUID.randomUUID();
        Events.send(Upstream.verified(likeness, Tokens.userId(owner)));
        AlertsTest.awaitInbox(owner, 1, "en");
        // One likeness, one consent partition: these arrive in order.
        Events.send(Upstream.grantCreated(likeness, Tokens.userId("alice"), Tokens.userId(owner), UUID.randomUUID()));
        sendDrafts(likeness, owner, "bob", 2);
        List<String> ids = AlertsTest.awaitInbox(owner, 4, "en").getList("items.id");
        assertEquals(4, unread(token, null));
        assertEquals(2, unread(token, "draft.created"));

        given().auth().oauth2(token).put("/v1/notifications/" + ids.get(0) + "/read").then().statusCode(204);
        given().auth().oauth2(token).put("/v1/notifications/" + ids.get(0) + "/read").then().statusCode(204);
        assertEquals(3, unread(token, null));
        given().auth().oauth2(token).get("/v1/notifications").then().body("items[0].read", is(true));
        given().auth().oauth2(token).delete("/v1/notifications/" + ids.get(0) + "/read").then().statusCode(204);
        assertEquals(4, unread(token, null));

        given().auth().oauth2(token).put("/v1/notifications/" + ids.get(1) + "/archived").then().statusCode(204);
        assertEquals(3, unread(token, null));
        given().auth().oauth2(token).get("/v1/notifications").then().body("items.id", not(hasItem(ids.get(1))));
        given().auth().oauth2(token).queryParam("archived", true).get("/v1/notifications").then()
                .body("items.id", is(List.of(ids.get(1)))).body("items[0].archived", is(true));

        given().auth().oauth2(token).queryParam("type", "draft.created").post("/v1/notifications/read").then()
                .statusCode(200).body("updated", is(1));
        assertEquals(2, unread(token, null));
        given().auth().oauth2(token).queryParam("unread", true).get("/v1/notifications").then()
                .body("items.type", is(List.of("grant.created", "likeness.verified")));
        given().auth().oauth2(token).post("/v1/notifications/read").then().body("updated", is(2));
        assertEquals(0, unread(token, null));

        given().auth().oauth2(token).delete("/v1/notifications/" + ids.get(1) + "/archived").then().statusCode(204);
        given().auth().oauth2(token).queryParam("type", "draft.created").queryParam("type", "grant.created")
                .get("/v1/notifications").then().body("items.id", is(ids.subList(0, 3)));
    }

    @Test
    void anotherPersonsNotificationIsNotFound() {
        String owner = Users.create();
        Events.send(Upstream.verified(UUID.randomUUID(), Tokens.userId(owner)));
        String id = AlertsTest.awaitInbox(owner, 1, "en").getString("items[0].id");
        String stranger = Tokens.user(Users.create());
        for (String path : List.of("/read", "/archived")) {
            given().auth().oauth2(stranger).put("/v1/notifications/" + id + path).then()
                    .statusCode(404).contentType("application/problem+json");
        }
        given().auth().oauth2(stranger).put("/v1/notifications/" + UUID.randomUUID() + "/read").then().statusCode(404);
        given().auth().oauth2(stranger).put("/v1/notifications/not-a-uuid/read").then().statusCode(404);
        assertEquals(1, unread(Tokens.user(owner), null), "untouched");
    }

    /** Sends {@code count} draft.created events by {@code creator} featuring the owner's likeness. */
    private static void sendDrafts(UUID likeness, String owner, String creator, int count) {
        for (int i = 0; i < count; i++) {
            Events.send(Upstream.draftCreated(likeness, Tokens.userId(owner), Tokens.userId(creator), UUID.randomUUID()));
        }
    }

    /** One page of two from the owner's inbox, after {@code cursor} unless it is null. */
    private static JsonPath pageOfTwo(String owner, String cursor) {
        var request = given().auth().oauth2(Tokens.user(owner)).queryParam("limit", 2);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.get("/v1/notifications").then().statusCode(200).extract().jsonPath();
    }

    private static int unread(String token, String type) {
        var request = given().auth().oauth2(token);
        if (type != null) {
            request.queryParam("type", type);
        }
        return request.get("/v1/notifications/unread-count").then().statusCode(200).extract().path("unread");
    }

    @Test
    void badQueriesAreProblems() {
        String token = Tokens.user(Users.create());
        given().auth().oauth2(token).queryParam("limit", 0).get("/v1/notifications").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("limit"));
        given().auth().oauth2(token).queryParam("limit", 1000).get("/v1/notifications").then().statusCode(400);
        given().auth().oauth2(token).queryParam("cursor", "not-a-cursor").get("/v1/notifications").then()
                .statusCode(400).body("errors[0].field", is("cursor"));
        given().auth().oauth2(token).queryParam("type", "no.such-type").get("/v1/notifications").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", is("type"));
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
