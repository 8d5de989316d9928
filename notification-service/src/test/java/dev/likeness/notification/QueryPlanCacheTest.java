package dev.likeness.notification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.ConfigOverrides;
import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Each alert runs the same statements, and the webhook dispatcher polls with the same one: their
 * plans come from Hibernate's plan cache. Hibernate Reactive 3.2 never finds a native select's
 * cached plan, so each run added one more entry to the bounded cache every query shares, and it
 * evicted the others; under a stream of drafts that took an eighth of the service's CPU.
 */
@QuarkusTest
@TestProfile(QueryPlanCacheTest.WithStatistics.class)
class QueryPlanCacheTest {

    private static final int ALERTS = 40;

    @Inject Mutiny.SessionFactory sessions;

    @Test
    void repeatedAlertsReuseTheirQueryPlans() {
        String owner = Users.create();
        String token = Tokens.user(owner);
        alert(owner, token, 1, 1); // every statement once
        long missed = sessions.getStatistics().getQueryPlanCacheMissCount();
        alert(owner, token, ALERTS, 1 + ALERTS);
        long missedSince = sessions.getStatistics().getQueryPlanCacheMissCount() - missed;
        Statistics statistics = sessions.getStatistics();
        assertTrue(missedSince < 5, () -> ALERTS + " alerts missed the plan cache " + missedSince + " times; per statement: "
                + Arrays.stream(statistics.getQueries()).map(q -> statistics.getQueryStatistics(q).getPlanCacheMissCount() + " × " + q).toList());
    }

    private static void alert(String owner, String token, int drafts, int unreadAfter) {
        for (int i = 0; i < drafts; i++) {
            Events.send(Upstream.draftCreated(UUID.randomUUID(), Tokens.userId(owner), Tokens.userId("bob"), UUID.randomUUID()));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> unread(token) == unreadAfter);
    }

    private static int unread(String token) {
        return given().auth().oauth2(token).get("/v1/notifications/unread-count").then().statusCode(200).extract().path("unread");
    }

    public static class WithStatistics extends ConfigOverrides {
        public WithStatistics() {
            super("quarkus.hibernate-orm.statistics", "true");
        }
    }
}
