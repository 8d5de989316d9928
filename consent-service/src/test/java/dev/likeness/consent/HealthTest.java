package dev.likeness.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.Readiness;
import dev.likeness.devstack.testing.TestStack;
import dev.likeness.devstack.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Readiness follows the database and the broker, and the service recovers without a restart. */
@QuarkusTest
class HealthTest {

    private static final String DATABASE = "checks.find { it.name == 'Reactive PostgreSQL connections health check' }.status";
    private static final String KAFKA = "checks.find { it.name == 'Kafka' }.status";

    @Test
    void readinessCoversTheDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200).body(DATABASE, is("UP")).body(KAFKA, is("UP"));
    }

    @Test
    void aDatabaseOutageAnswers503UntilTheDatabaseIsBack() {
        String alice = Tokens.user("alice");
        Readiness.duringOutage(TestStack.POSTGRES, () -> {
            given().get("/q/health/ready").then().body(DATABASE, is("DOWN"));
            given().auth().oauth2(alice).get("/v1/likenesses").then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("code", is("unavailable"));
        });
        given().auth().oauth2(alice).get("/v1/likenesses").then().statusCode(200);
    }

    @Test
    void aKafkaOutageMakesTheServiceUnready() {
        Readiness.duringOutage(TestStack.KAFKA, () -> given().get("/q/health/ready").then().body(KAFKA, is("DOWN")));
    }
}
