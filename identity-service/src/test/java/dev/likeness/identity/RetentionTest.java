package dev.likeness.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.likeness.captures.Captures.Container;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import dev.likeness.identity.enrolment.EnrolmentConfig;
import dev.likeness.identity.retention.RetentionScheduleConfig;
import dev.likeness.kit.retention.Retention;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The retention schedule (README "Retention"): a challenge never answered goes a month after it
 * expired, with its failed attempts; failed attempts go a month after they failed; a verified
 * enrolment, its checks and its capture's digest stay. Made through the API, the clock moved on.
 */
@QuarkusTest
class RetentionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Not an MP4 (no ftyp box): a failed attempt at once, without verification. */
    private static final byte[] UNREADABLE = new byte[64];

    @Inject Retention retention;
    @Inject MovableClock clock;
    @Inject EnrolmentConfig enrolments;
    @Inject RetentionScheduleConfig schedule;
    @Inject Pool database;

    @Test
    void anUnansweredChallengeGoesAMonthAfterItExpiredAndWhatADecisionLeftStays() {
        String abandoner = Users.create();
        JsonPath abandoned = Enrolments.start(abandoner);
        Enrolments.submit(abandoner, abandoned, "video/mp4", UNREADABLE).then().statusCode(422).body("code", is("capture-unreadable"));
        String verifier = Users.create();
        JsonPath verified = Enrolments.start(verifier);
        Enrolments.submit(verifier, verified, "video/mp4", UNREADABLE).then().statusCode(422);
        Enrolments.submit(verifier, verified, "video/mp4", Enrolments.live(verified, Container.MP4, Seeds.next()))
                .then().statusCode(200).body("status", is("VERIFIED"));
        clock.advance(schedule.expiredEnrolments().minusDays(10));
        String latecomer = Users.create();
        JsonPath lately = Enrolments.start(latecomer);
        Enrolments.submit(latecomer, lately, "video/mp4", UNREADABLE).then().statusCode(422);
        clock.advance(Duration.ofDays(10).plus(enrolments.challengeTtl()).plusMinutes(1));

        Set<String> rules = retention.run().await().atMost(TIMEOUT).keySet();

        assertEquals(Set.of("consumed-events", "erased-persons", "expired-enrolments", "capture-failures"), rules, "the kit's rules and the service's");
        given().auth().oauth2(Tokens.user(abandoner)).get("/v1/enrolments/{id}", abandoned.getString("id")).then().statusCode(404);
        assertEquals(0, count("SELECT count(*) FROM capture_failure WHERE enrolment_id = $1", abandoned), "its failures with it");
        assertEquals("EXPIRED", Enrolments.get(latecomer, lately).getString("status"), "expired 10 days ago: kept");
        assertEquals(1, count("SELECT count(*) FROM capture_failure WHERE enrolment_id = $1", lately));
        JsonPath decided = Enrolments.get(verifier, verified);
        assertEquals("VERIFIED", decided.getString("status"));
        assertFalse(decided.getList("checks").isEmpty(), "its checks stay");
        assertEquals(1, count("SELECT count(*) FROM capture_digest WHERE enrolment_id = $1", verified), "its digest stays");
        assertEquals(0, count("SELECT count(*) FROM capture_failure WHERE enrolment_id = $1", verified),
                "a month-old failed attempt goes, whatever became of its enrolment");
    }

    private long count(String query, JsonPath enrolment) {
        return database.preparedQuery(query).execute(Tuple.of(UUID.fromString(enrolment.getString("id")))).await().atMost(TIMEOUT)
                .iterator().next().getLong(0);
    }
}
