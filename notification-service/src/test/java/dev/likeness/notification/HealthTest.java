package dev.likeness.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.Readiness;
import dev.likeness.devstack.testing.TestStack;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
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
        String token = Tokens.user(Users.create());
        Readiness.duringOutage(TestStack.POSTGRES, () -> {
            given().get("/q/health/ready").then().body(DATABASE, is("DOWN"));
            given().auth().oauth2(token).get("/v1/notifications").then()
                    .statusCode(503).contentType("application/problem+json").header("Retry-After", "5");
        });
        given().auth().oauth2(token).get("/v1/notifications").then().statusCode(200);
    }

    @Test
    void aKafkaOutageMakesTheServiceUnready() {
        Readiness.duringOutage(TestStack.KAFKA, () -> given().get("/q/health/ready").then().body(KAFKA, is("DOWN")));
    }
}
