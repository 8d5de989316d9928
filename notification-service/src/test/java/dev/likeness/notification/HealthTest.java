package dev.likeness.notification;

import static io.restassured.RestAssured.given;

import dev.likeness.devstack.testing.HealthContract;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Readiness follows the database and the broker; see {@link HealthContract}. */
@QuarkusTest
class HealthTest extends HealthContract {

    @Override
    protected Response needingTheDatabase(String token) {
        return given().auth().oauth2(token).get("/v1/notifications");
    }
}
