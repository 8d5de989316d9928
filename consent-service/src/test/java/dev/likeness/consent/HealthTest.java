package dev.likeness.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.TestStack;
import dev.likeness.devstack.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Readiness tells the truth about the database and the broker, and the service recovers by itself. */
@QuarkusTest
class HealthTest {

    private static final String DATABASE = "checks.find { it.name == 'Reactive PostgreSQL connections health check' }.status";
    private static final String KAFKA = "checks.find { it.name == 'Kafka' }.status";

    @Test
    void readinessCoversTheDatabaseAndKafka() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body(DATABASE, is("UP"))
                .body(KAFKA, is("UP"));
    }

    @Test
    void databaseOutageMakesTheServiceUnreadyAndAnswer503UntilItIsBack() {
        String alice = Tokens.user("alice");
        TestStack.stop(TestStack.POSTGRES);
        try {
            awaitReadiness(503);
            given().get("/q/health/ready").then().body(DATABASE, is("DOWN"));
            given().auth().oauth2(alice).get("/v1/likenesses").then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("code", is("unavailable"));
        } finally {
            TestStack.start(TestStack.POSTGRES);
        }
        awaitReadiness(200);
        given().auth().oauth2(alice).get("/v1/likenesses").then().statusCode(200);
    }

    @Test
    void kafkaOutageMakesTheServiceUnreadyUntilItIsBack() {
        TestStack.stop(TestStack.KAFKA);
        try {
            awaitReadiness(503);
            given().get("/q/health/ready").then().body(KAFKA, is("DOWN"));
        } finally {
            TestStack.start(TestStack.KAFKA);
        }
        awaitReadiness(200);
    }

    private static void awaitReadiness(int status) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().get("/q/health/ready").statusCode() == status);
    }
}
