package dev.likeness.notification.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Registration resolves the URL's host as deliveries do: name servers that do not answer make a 503 to retry, not a 500. */
@QuarkusTest
class WebhookRegistrationTest {

    @Test
    void aHostTheNameServersDoNotAnswerIsA503ToRetry() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            HostResolver unanswered = new HostResolver(new TargetGuard(false, true), Duration.ofMillis(300),
                    new SingletonDnsServerAddressStreamProvider((InetSocketAddress) silent.getLocalSocketAddress()));
            QuarkusMock.installMockForType(unanswered, HostResolver.class);
            try {
                String owner = Tokens.user(Users.create());
                given().auth().oauth2(owner).contentType(ContentType.JSON).body("{\"url\":\"http://hook.example/h\"}")
                        .post("/v1/webhooks").then().statusCode(503).contentType("application/problem+json")
                        .header("Retry-After", "5").body("code", is("unavailable"))
                        .body("detail", is("url: host hook.example did not resolve within 300 ms; retry later"));
                given().auth().oauth2(owner).get("/v1/webhooks").then().statusCode(200).body("size()", is(0));
            } finally {
                unanswered.close();
            }
        }
    }
}
