package dev.likeness.identity;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.ServiceUnavailableException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.KeycloakAdmin;
import dev.likeness.devstack.testing.OutboxContract;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import dev.likeness.identity.keycloak.KeycloakReconciliation;
import dev.likeness.identity.keycloak.KeycloakSyncConfig;
import dev.likeness.identity.keycloak.KeycloakUsers;
import io.quarkus.keycloak.admin.client.common.runtime.KeycloakAdminClientConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The likeness status reaches Keycloak, and through it every new token of the person. */
@QuarkusTest
class KeycloakSyncTest {

    private static final String TOPIC = "likeness.identity.events";
    private static final String CONSUMER = "identity-service/keycloak-sync";
    private static final String VERIFIED = "dev.likeness.identity.likeness.verified.v1";
    private static final String DELETED = "dev.likeness.identity.likeness.deleted.v1";
    private static final String RECONCILIATION_LOCK = "hashtext('" + KeycloakReconciliation.LOCK + "')";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What Keycloak or the network does while Keycloak restarts or is overloaded, as the admin client reports it. */
    private static final List<Supplier<RuntimeException>> PASSING_FAILURES = List.of(
            ServiceUnavailableException::new,
            () -> new ClientErrorException(429),
            () -> new ProcessingException(new TimeoutException("The timeout period of 5000ms has been exceeded")),
            () -> new ProcessingException(new ConnectException("Connection refused")),
            () -> new ProcessingException(new SocketException("Connection reset")));

    @Inject Pool database;
    @Inject FailingKeycloak keycloak;
    @Inject KeycloakReconciliation reconciliation;
    @Inject KeycloakSyncConfig config;
    @Inject KeycloakAdminClientConfig settings;

    @Test
    void aVerifiedLikenessAppearsInThePersonsNextToken() {
        String person = Users.create();
        String likeness = Enrolments.verifiedLikeness(person, Seeds.next());
        String userId = Users.id(person);
        Awaitility.await().atMost(WAIT).until(() -> likeness.equals(Users.attributes(userId).path("likeness_id").path(0).asText()));
        String token = Tokens.freshUser(person);
        assertEquals("VERIFIED", Tokens.claim(token, "likeness_status"));
        assertEquals(likeness, Tokens.claim(token, "likeness_id"));
    }

    @Test
    void theTokenFollowsSuspensionReinstatementAndDeletion() {
        String person = Users.create();
        String likeness = Enrolments.verifiedLikeness(person, Seeds.next());
        String userId = Users.id(person);
        awaitStatus(userId, "VERIFIED");
        String staff = Tokens.user("dana");

        given().auth().oauth2(staff).contentType(ContentType.JSON).body("{\"reason\":\"Under review\"}")
                .post("/v1/likenesses/{id}/suspension", likeness).then().statusCode(200);
        awaitStatus(userId, "SUSPENDED");
        String suspended = Tokens.freshUser(person);
        assertEquals("SUSPENDED", Tokens.claim(suspended, "likeness_status"));
        assertEquals(likeness, Tokens.claim(suspended, "likeness_id"));

        given().auth().oauth2(staff).delete("/v1/likenesses/{id}/suspension", likeness).then().statusCode(200);
        awaitStatus(userId, "VERIFIED");
        assertEquals("VERIFIED", Tokens.claim(Tokens.freshUser(person), "likeness_status"));

        given().auth().oauth2(Tokens.user(person)).delete("/v1/likenesses/{id}", likeness).then().statusCode(204);
        awaitStatus(userId, "DELETED");
        String deleted = Tokens.freshUser(person);
        assertEquals("DELETED", Tokens.claim(deleted, "likeness_status"));
        assertNull(Tokens.claim(deleted, "likeness_id"));
    }

    @Test
    void aLateEventAboutADeletedLikenessLeavesThePersonsNextOneAlone() {
        String person = Users.create();
        String userId = Users.id(person);
        String first = Enrolments.verifiedLikeness(person, Seeds.next());
        given().auth().oauth2(Tokens.user(person)).delete("/v1/likenesses/{id}", first).then().statusCode(204);
        String next = Enrolments.verifiedLikeness(person, Seeds.next());
        Awaitility.await().atMost(WAIT).until(() -> next.equals(Users.attributes(userId).path("likeness_id").path(0).asText()));

        // The first likeness' events, as if its partition lagged behind the next one's.
        String lateVerified = UUID.randomUUID().toString();
        String lateDeleted = UUID.randomUUID().toString();
        Events.send(Events.cloudEvent(TOPIC, first, lateVerified, VERIFIED, "/identity-service", first, """
                {"likenessId":"%s","ownerId":"%s","verifiedAt":"%s","method":"built-in"}"""
                .formatted(first, userId, OffsetDateTime.now().minusMinutes(1))));
        Events.send(Events.cloudEvent(TOPIC, first, lateDeleted, DELETED, "/identity-service", first, """
                {"likenessId":"%s","ownerId":"%s","deletedAt":"%s"}""".formatted(first, userId, OffsetDateTime.now())));
        Awaitility.await().atMost(WAIT).until(() -> consumed(lateVerified) && consumed(lateDeleted));

        assertEquals("VERIFIED", Users.attributes(userId).path("likeness_status").path(0).asText());
        assertEquals(next, Users.attributes(userId).path("likeness_id").path(0).asText());
    }

    @Test
    void theSameEventDeliveredTwiceUpdatesKeycloakOnce() {
        String userId = Users.id(Users.create());
        ProducerRecord<String, String> verified = verified(UUID.randomUUID(), userId);
        Events.send(verified);
        Events.send(verified);
        // A distinct event after the duplicate: once it shows, the duplicate was processed too.
        UUID later = UUID.randomUUID();
        Events.send(verified(later, userId));
        Awaitility.await().atMost(WAIT).until(() -> later.toString().equals(Users.attributes(userId).path("likeness_id").path(0).asText()));
        assertEquals(2, Users.updates(userId), "Keycloak updates for two distinct events, one of them delivered twice");
    }

    @Test
    void anUnparseableEventIsDeadLetteredAndTheConsumerGoesOn() {
        String userId = Users.id(Users.create());
        UUID likeness = UUID.randomUUID();
        Events.send(Events.cloudEvent(TOPIC, likeness.toString(), UUID.randomUUID().toString(), VERIFIED,
                "/identity-service", null, "not json at all"));
        Events.send(verified(likeness, userId));
        Awaitility.await().atMost(WAIT).until(() -> likeness.toString().equals(Users.attributes(userId).path("likeness_id").path(0).asText()));
        assertThat(Events.header(OutboxContract.deadLettered(TOPIC + ".dlq", likeness.toString(), "identity-service/keycloak-sync"),
                "dead-letter-reason"), containsString("not valid JSON"));
    }

    @Test
    void passingKeycloakFailuresAreRetriedUpToTheAttemptsThenLeftToTheReconciliation() {
        String person = Users.create();
        String likeness = Enrolments.verifiedLikeness(person, Seeds.next());
        String userId = Users.id(person);
        awaitStatus(userId, "VERIFIED");

        keycloak.failNext(userId, passingFailures(config.attempts() - 1));
        suspend(likeness);
        awaitStatus(userId, "SUSPENDED");
        assertEquals(0, keycloak.failuresLeft(userId), "each failure met, then the last attempt went through");
        assertEquals("SUSPENDED", Tokens.claim(Tokens.freshUser(person), "likeness_status"));

        // Keycloak down for longer than the retries: the event goes to the dead-letter topic, the status stays behind...
        keycloak.failNext(userId, passingFailures(config.attempts()));
        given().auth().oauth2(Tokens.user("dana")).delete("/v1/likenesses/{id}/suspension", likeness).then().statusCode(200);
        assertThat(Events.header(OutboxContract.deadLettered(TOPIC + ".dlq", likeness, CONSUMER), "dead-letter-reason"),
                containsString("Keycloak kept failing"));
        assertEquals(0, keycloak.failuresLeft(userId));
        assertEquals("SUSPENDED", status(userId));

        // ...until the reconciliation's next pass.
        assertTrue(reconciliation.run());
        assertEquals("VERIFIED", status(userId));
        assertEquals(likeness, Users.attributes(userId).path("likeness_id").path(0).asText());
    }

    @Test
    void anUpdateKeycloakRefusesIsDeadLetteredWithoutRetrying() {
        String person = Users.create();
        String likeness = Enrolments.verifiedLikeness(person, Seeds.next());
        String userId = Users.id(person);
        awaitStatus(userId, "VERIFIED");

        keycloak.failNext(userId, new BadRequestException());
        suspend(likeness);
        assertThat(Events.header(OutboxContract.deadLettered(TOPIC + ".dlq", likeness, CONSUMER), "dead-letter-reason"),
                containsString("400 Bad Request"));
        assertEquals("VERIFIED", status(userId), "a 400 is not asked again");
    }

    @Test
    void theReconciliationRepairsStatusesChangedBehindTheServicesBack() {
        String suspended = Users.create();
        String likeness = Enrolments.verifiedLikeness(suspended, Seeds.next());
        String suspendedId = Users.id(suspended);
        suspend(likeness);
        awaitStatus(suspendedId, "SUSPENDED");
        String leaver = Users.create();
        String gone = Enrolments.verifiedLikeness(leaver, Seeds.next());
        String leaverId = Users.id(leaver);
        given().auth().oauth2(Tokens.user(leaver)).delete("/v1/likenesses/{id}", gone).then().statusCode(204);
        awaitStatus(leaverId, "DELETED");

        // An administrator's edit, a restore of Keycloak's database: nothing the service hears of.
        overwrite(suspendedId, Map.of("likeness_status", "VERIFIED"));
        overwrite(leaverId, Map.of("likeness_status", "VERIFIED", "likeness_id", gone));
        assertTrue(reconciliation.run());

        String suspendedToken = Tokens.freshUser(suspended);
        assertEquals("SUSPENDED", Tokens.claim(suspendedToken, "likeness_status"));
        assertEquals(likeness, Tokens.claim(suspendedToken, "likeness_id"));
        String leaverToken = Tokens.freshUser(leaver);
        assertEquals("DELETED", Tokens.claim(leaverToken, "likeness_status"));
        assertNull(Tokens.claim(leaverToken, "likeness_id"));
    }

    @Test
    void theReconciliationRunsOnOneInstanceAtATime() {
        // Another instance's pass holds the lock, on a connection of its own.
        SqlConnection other = database.getConnection().await().atMost(WAIT);
        try {
            other.query("SELECT pg_advisory_lock(" + RECONCILIATION_LOCK + ")").execute().await().atMost(WAIT);
            assertFalse(reconciliation.run());
        } finally {
            other.query("SELECT pg_advisory_unlock(" + RECONCILIATION_LOCK + ")").execute().await().atMost(WAIT);
            other.close().await().atMost(WAIT);
        }
    }

    @Test
    void theAdminClientGivesUpOnAKeycloakThatDoesNotAnswer() throws IOException, InterruptedException {
        CountDownLatch over = new CountDownLatch(1);
        HttpServer silent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        silent.createContext("/", exchange -> await(over));
        silent.start();
        KeycloakUsers users = new FailingKeycloak(
                changed(KeycloakAdminClientConfig.class, settings, "serverUrl", Optional.of("http://127.0.0.1:" + silent.getAddress().getPort())),
                changed(KeycloakSyncConfig.class, config, "timeout", Duration.ofMillis(500)));
        try {
            long started = System.nanoTime();
            RuntimeException failure = assertThrows(RuntimeException.class, () -> users.attributes(UUID.randomUUID().toString()));
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(3).toNanos(), "gave up after the timeout");
            assertTrue(Stream.iterate((Throwable) failure, cause -> cause != null, Throwable::getCause)
                    .anyMatch(TimeoutException.class::isInstance), failure::toString);
        } finally {
            users.close();
            over.countDown();
            silent.stop(0);
        }
    }

    private static void suspend(String likeness) {
        given().auth().oauth2(Tokens.user("dana")).contentType(ContentType.JSON).body("{\"reason\":\"Under review\"}")
                .post("/v1/likenesses/{id}/suspension", likeness).then().statusCode(200);
    }

    /** {@code original}, but for one setting. */
    private static <T> T changed(Class<T> settings, T original, String name, Object value) {
        return settings.cast(Proxy.newProxyInstance(settings.getClassLoader(), new Class<?>[] {settings},
                (proxy, method, arguments) -> method.getName().equals(name) ? value : method.invoke(original, arguments)));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RuntimeException[] passingFailures(int count) {
        return IntStream.range(0, count).mapToObj(i -> PASSING_FAILURES.get(i % PASSING_FAILURES.size()).get())
                .toArray(RuntimeException[]::new);
    }

    private static String status(String userId) {
        return Users.attributes(userId).path("likeness_status").path(0).asText();
    }

    /** Sets attributes of the user directly in Keycloak, as its administrator. */
    private static void overwrite(String userId, Map<String, String> values) {
        try {
            ObjectNode user = (ObjectNode) JSON.readTree(KeycloakAdmin.send("GET", "/users/" + userId, null, 200));
            ObjectNode attributes = user.withObject("/attributes");
            values.forEach((name, value) -> attributes.putArray(name).add(value));
            KeycloakAdmin.send("PUT", "/users/" + userId, user.toString(), 204);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitStatus(String userId, String status) {
        Awaitility.await().atMost(WAIT).until(() -> status.equals(Users.attributes(userId).path("likeness_status").path(0).asText()));
    }

    private boolean consumed(String eventId) {
        return database.preparedQuery("SELECT count(*) FROM consumed_event WHERE consumer = 'keycloak-sync' AND id = $1")
                .execute(Tuple.of(eventId)).await().atMost(WAIT).iterator().next().getLong(0) == 1;
    }

    private static ProducerRecord<String, String> verified(UUID likeness, String ownerId) {
        String data = """
                {"likenessId":"%s","ownerId":"%s","verifiedAt":"%s","method":"built-in"}"""
                .formatted(likeness, ownerId, OffsetDateTime.now());
        return Events.cloudEvent(TOPIC, likeness.toString(), UUID.randomUUID().toString(), VERIFIED, "/identity-service",
                likeness.toString(), data);
    }
}
