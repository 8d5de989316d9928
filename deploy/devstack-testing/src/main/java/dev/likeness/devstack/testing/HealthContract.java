package dev.likeness.devstack.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.response.Response;

/**
 * Readiness follows the database and the broker, and the service recovers without a restart.
 * Each service's {@code HealthTest} extends it with one request of a person's that needs the database.
 * Health is served on the management interface, not on the API's port.
 */
public abstract class HealthContract {

    /** The management root path ({@code /q}) comes first. */
    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    private static final String DATABASE = "checks.find { it.name == 'Reactive PostgreSQL connections health check' }.status";
    private static final String KAFKA = "checks.find { it.name == 'Kafka' }.status";

    /** A request made with a person's token that the service answers from its database. */
    protected abstract Response needingTheDatabase(String token);

    @Test
    void readinessCoversTheDatabaseAndKafka() {
        given().get(ready).then().statusCode(200).body(DATABASE, is("UP")).body(KAFKA, is("UP"));
    }

    /** Clients and the ingress reach the API's port only: it does not tell them the service's state. */
    @Test
    void theApiPortServesNoHealth() {
        given().get("/q/health/ready").then().statusCode(404);
    }

    @Test
    void aDatabaseOutageAnswers503UntilTheDatabaseIsBack() {
        String token = Tokens.user(Users.create());
        Readiness.duringOutage(ready, TestStack.POSTGRES, () -> {
            given().get(ready).then().body(DATABASE, is("DOWN"));
            needingTheDatabase(token).then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "5").body("code", is("unavailable"));
        });
        needingTheDatabase(token).then().statusCode(both(greaterThanOrEqualTo(200)).and(lessThan(300)));
    }

    @Test
    void aKafkaOutageMakesTheServiceUnready() {
        Readiness.duringOutage(ready, TestStack.KAFKA, () -> given().get(ready).then().body(KAFKA, is("DOWN")));
    }
}
