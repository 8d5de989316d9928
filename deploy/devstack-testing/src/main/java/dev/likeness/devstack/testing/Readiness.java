package dev.likeness.devstack.testing;

import static io.restassured.RestAssured.given;

import java.net.URL;
import java.time.Duration;

import org.awaitility.Awaitility;

/** The service under test's readiness (on its management interface), across a real outage of one server of the stack. */
public final class Readiness {

    private Readiness() {
    }

    public static void await(URL ready, int status) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().get(ready).statusCode() == status);
    }

    /**
     * Stops {@code server}, waits for readiness to turn DOWN, runs {@code whileDown}, starts the
     * server again and waits for readiness to come back without restarting the service.
     */
    public static void duringOutage(URL ready, String server, Runnable whileDown) {
        TestStack.stop(server);
        try {
            await(ready, 503);
            whileDown.run();
        } finally {
            TestStack.start(server);
        }
        await(ready, 200);
    }
}
