package dev.likeness.devstack.testing;

import static io.restassured.RestAssured.given;

import java.time.Duration;

import org.awaitility.Awaitility;

/** The service under test's readiness, across a real outage of one server of the stack. */
public final class Readiness {

    private Readiness() {
    }

    public static void await(int status) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().get("/q/health/ready").statusCode() == status);
    }

    /**
     * Stops {@code server}, waits for readiness to turn DOWN, runs {@code whileDown}, starts the
     * server again and waits for readiness to come back without restarting the service.
     */
    public static void duringOutage(String server, Runnable whileDown) {
        TestStack.stop(server);
        try {
            await(503);
            whileDown.run();
        } finally {
            TestStack.start(server);
        }
        await(200);
    }
}
