package dev.likeness.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.likeness.devstack.Service;
import dev.likeness.devstack.ServiceProcess;
import dev.likeness.devstack.testing.Events;
import dev.likeness.devstack.testing.TestStack;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The fault suite, against the three packaged services on one stack: the broker stopped while
 * consents change, a second instance of each service and the first killed while consent changes
 * and drafts stream in, the database stopped,
 * poison on every consumed topic, a webhook receiver that is down at first. Each test prints what
 * it measured; the whole report lands in target/faults.md.
 */
@ExtendWith(PackagedServices.class)
class FaultsIT {

    private static final String IDENTITY_EVENTS = "likeness.identity.events";
    private static final String CONSENT_EVENTS = "likeness.consent.events";
    private static final String NOTIFICATION_EVENTS = "likeness.notification.events";
    /** 400 each in the suite, for its time on 2 cores; deploy/README's measured table ran 1,000 each. */
    private static final int CHANGES = Integer.getInteger("faults.changes", 400);
    private static final int DRAFTS = Integer.getInteger("faults.drafts", 400);
    private static final Duration KAFKA_OUTAGE = Duration.ofSeconds(30);
    /** Longest a request may take to answer 503 while the database is down: failing fast, not hanging on a pool. */
    private static final Duration FAIL_FAST = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(120);
    /**
     * How long 1,000 events may take to drain through a consumer: on a busy 2-core machine
     * notification-service applied about 8 a second, and 120 s cut the count short at 994.
     */
    private static final Duration DRAIN = Duration.ofMinutes(5);
    /** How long to keep looking for a duplicate once everything expected arrived. */
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REPORT = new CopyOnWriteArrayList<>();

    @AfterAll
    static void writeTheReport() throws Exception {
        String report = "# Fault suite (FaultsIT), " + OffsetDateTime.now().withNano(0) + "\n\n" + String.join("\n", REPORT);
        System.out.println(report);
        Files.writeString(Path.of(System.getProperty("likeness.repository")).resolve("deploy/system-tests/target/faults.md"), report);
    }

    @Test
    void consentChangesMadeWhileKafkaIsDownAreDeliveredOnceEachWhenItIsBack() throws Exception {
        List<Owner> owners = owners(8);
        List<String> grantees = people(10);

        long stopped = System.nanoTime();
        TestStack.stop(TestStack.KAFKA);
        List<Change> changes = new CopyOnWriteArrayList<>();
        List<String> refusals = new CopyOnWriteArrayList<>();
        double changesPerSecond;
        try {
            long started = System.nanoTime();
            grantAndRevoke(Replicas.of(url(Service.CONSENT)), owners, grantees, CHANGES, changes, refusals);
            changesPerSecond = changes.size() / seconds(started);
            given().baseUri(managementUrl(Service.CONSENT)).get("/q/health/ready").then().statusCode(503);
            sleepUntil(stopped + KAFKA_OUTAGE.toNanos());
        } finally {
            TestStack.start(TestStack.KAFKA);
        }
        double outage = seconds(stopped);
        long restarted = System.nanoTime();
        double ready = awaitReady();

        Set<String> likenesses = owners.stream().map(owner -> owner.likeness().toString()).collect(Collectors.toSet());
        List<ConsumerRecord<String, String>> published = Events.read(CONSENT_EVENTS, r -> likenesses.contains(r.key()),
                changes.size(), DRAIN, SETTLE);
        double toTopic = seconds(restarted) - SETTLE.toSeconds();
        Map<Change, Long> onTopic = published.stream().collect(Collectors.groupingBy(
                r -> new Change(UUID.fromString(Events.header(r, "ce_subject")), shortType(Events.header(r, "ce_type"))),
                Collectors.counting()));
        long distinctIds = published.stream().map(r -> Events.header(r, "ce_id")).distinct().count();

        Map<Change, Long> alerted = awaitAlerts(grantees, Set.of("grant.created", "grant.revoked"), changes.size(),
                item -> new Change(UUID.fromString(item.get("grantId").asText()), item.get("type").asText()));
        double toInbox = seconds(restarted) - SETTLE.toSeconds();

        report("Kafka stopped while consents change", """
                | | |
                | --- | --- |
                | consent changes made (grant, then revoke) while Kafka was down | %d of %d answered 2xx (%.0f/s), Kafka down %.0f s |
                | on `likeness.consent.events` (read_committed) | %d records, %d distinct ids; lost %d, duplicated %d |
                | grantees' alerts at notification-service | %d; lost %d, duplicated %d |
                | Kafka back → every event on the topic / in the inboxes | %.1f s / %.1f s |
                | Kafka back → all three services ready | %.1f s |
                """.formatted(changes.size(), CHANGES, changesPerSecond, outage, published.size(), distinctIds,
                lost(changes, onTopic), duplicated(onTopic), alerted.values().stream().mapToLong(Long::longValue).sum(),
                lost(changes, alerted), duplicated(alerted), toTopic, toInbox, ready));
        assertEquals(List.of(), refusals, "every change is accepted while Kafka is down: the outbox holds it");
        assertEquals(CHANGES, changes.size());
        assertEquals(changes.size(), published.size(), "each change published once");
        assertEquals(published.size(), distinctIds, "no event id twice on the topic");
        assertEquals(Set.copyOf(changes), onTopic.keySet(), "every change on the topic");
        assertEquals(0, duplicated(alerted), "no alert twice");
        assertEquals(Set.copyOf(changes), alerted.keySet(), "every change alerted its grantee");
    }

    /**
     * A scaled-out deployment: a second instance of each service joins the same consumer groups and
     * outbox; consent changes and drafts go to both consent-services in turn while people's
     * likenesses are announced; a third of the way in, the instance of each service that leads its
     * outbox relay is killed (SIGKILL). The survivors take over its partitions and its relay, and
     * the killed ones are started again, as a Deployment replaces a pod.
     */
    @Test
    void twoInstancesOfEachServiceShareTheStreamAndTheSurvivorsTakeOverFromKilledOnes() throws Exception {
        Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.info().kafka().bootstrapServers()));
        Map<String, Integer> alone = consumers(kafka);
        List<ServiceProcess> added = PackagedServices.moreInstances(Service.BACKENDS);
        try (kafka) {
            Map<Service, ServiceProcess> survivors = added.stream().collect(Collectors.toMap(ServiceProcess::service, s -> s));
            awaitConsumers(kafka, group -> 2 * alone.get(group));
            // Three owners on each partition, so each instance's share of the partitions carries events; those
            // who grant and revoke apart from those featured in drafts, as a revocation voids consent tokens.
            List<Owner> owners = owners(3 * partitions(kafka, IDENTITY_EVENTS), kafka);
            List<Owner> featured = owners(3 * partitions(kafka, IDENTITY_EVENTS), kafka);
            List<String> grantees = people(10);
            List<Owner> announced = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String username = Users.create("Ada");
                announced.add(new Owner(username, Tokens.userId(username), UUID.randomUUID()));
            }
            Replicas consent = Replicas.of(url(Service.CONSENT), survivors.get(Service.CONSENT).url());
            String creator = Tokens.userId("bob");
            Map<Owner, String> consentTokens = draftConsent(featured, creator);

            List<Change> changes = new CopyOnWriteArrayList<>();
            List<String> refusals = new CopyOnWriteArrayList<>();
            Map<String, Owner> drafts = new ConcurrentHashMap<>();
            List<String> failed = new CopyOnWriteArrayList<>();
            long started = System.nanoTime();
            Future<?> changing = runInBackground(() -> {
                grantAndRevoke(consent, owners, grantees, CHANGES, changes, refusals);
                return null;
            });
            Future<?> drafting = runInBackground(() -> {
                registerDrafts(consent, featured, consentTokens, creator, drafts, failed);
                return null;
            });
            send(announced.subList(0, 20).stream().map(owner -> verified(owner.likeness(), owner.id())).toList());
            Awaitility.await().atMost(WAIT).until(() -> changes.size() + drafts.size() >= (CHANGES + DRAFTS) / 3);

            Map<Service, List<Long>> appliedBeforeKill = new EnumMap<>(Service.class);
            for (Service service : Service.BACKENDS) {
                appliedBeforeKill.put(service, List.of(consumed(PackagedServices.managementUrl(service), "applied"),
                        consumed(survivors.get(service).managementUrl(), "applied")));
                assertTrue(leadsTheRelay(PackagedServices.log(service)), service.module + ": the instance about to be killed leads the outbox relay");
            }
            int changesAtKill = changes.size();
            int draftsAtKill = drafts.size();
            for (Service service : Service.BACKENDS) {
                PackagedServices.kill(service);
            }
            long killed = System.nanoTime();
            send(announced.subList(20, 40).stream().map(owner -> verified(owner.likeness(), owner.id())).toList());
            Map<Service, Double> relayTakenOver = new EnumMap<>(Service.class);
            for (Service service : Service.BACKENDS) {
                Awaitility.await().atMost(WAIT).until(() -> leadsTheRelay(survivors.get(service).log()));
                relayTakenOver.put(service, seconds(killed));
            }
            awaitConsumers(kafka, alone::get);
            double partitionsTakenOver = seconds(killed);

            PackagedServices.restart(Service.BACKENDS);
            double restarted = seconds(killed);
            changing.get();
            drafting.get();
            double streamed = seconds(started);

            Set<String> likenesses = owners.stream().map(owner -> owner.likeness().toString()).collect(Collectors.toSet());
            List<ConsumerRecord<String, String>> published = Events.read(CONSENT_EVENTS,
                    r -> likenesses.contains(r.key()) && Events.header(r, "ce_type").contains(".grant."), changes.size(), DRAIN, SETTLE);
            Map<Change, Long> onTopic = published.stream().collect(Collectors.groupingBy(
                    r -> new Change(UUID.fromString(Events.header(r, "ce_subject")), shortType(Events.header(r, "ce_type"))),
                    Collectors.counting()));
            Map<Change, Long> changeAlerts = awaitAlerts(grantees, Set.of("grant.created", "grant.revoked"), changes.size(),
                    item -> new Change(UUID.fromString(item.get("grantId").asText()), item.get("type").asText()));
            Map<String, Long> draftAlerts = awaitAlerts(featured.stream().map(Owner::username).toList(), Set.of("draft.created"),
                    drafts.size(), item -> item.get("draftId").asText());
            Set<String> ownerIds = featured.stream().map(Owner::id).collect(Collectors.toSet());
            Map<String, Long> announcements = Events.read(NOTIFICATION_EVENTS,
                            r -> ownerIds.contains(r.key()) && "draft.created".equals(json(r.value()).path("notificationType").asText()),
                            drafts.size(), DRAIN, SETTLE).stream()
                    .collect(Collectors.groupingBy(r -> json(r.value()).path("notificationId").asText(), Collectors.counting()));
            Map<UUID, Long> verifiedAlerts = awaitAlerts(announced.stream().map(Owner::username).toList(), Set.of("likeness.verified"),
                    announced.size(), item -> UUID.fromString(item.get("likenessId").asText()));
            for (Owner owner : announced) {
                Awaitility.await().atMost(WAIT).until(() -> consent(owner.username()).get("/v1/likenesses/{id}", owner.likeness()).statusCode() == 200);
                Awaitility.await().atMost(WAIT).until(() -> owner.likeness().toString().equals(Users.attributes(owner.id()).path("likeness_id").path(0).asText()));
            }
            long keycloakUpdates = announced.stream().mapToLong(owner -> Users.updates(owner.id())).sum();
            long redelivered = Service.BACKENDS.stream().mapToLong(service -> consumed(survivors.get(service).managementUrl(), "redelivered")
                    + consumed(PackagedServices.managementUrl(service), "redelivered")).sum();

            report("Two instances of each service, the relay-leading one of each killed (SIGKILL) mid-stream", """
                    | | |
                    | --- | --- |
                    | events applied per instance before the kill (killed / survivor) | identity-service %s, consent-service %s, notification-service %s |
                    | consent changes (grant, then revoke) and drafts, sent to both consent-services in turn | %d changes (%d refused) and %d drafts (%d failed) in %.0f s; killed after %d changes and %d drafts |
                    | kill → survivors publish the outboxes / hold every partition / killed ones ready again | %s / %.1f s / %.1f s |
                    | events delivered again after the kill (applied by the killed instance, offset not yet committed), recognised and not applied again | %d |
                    | changes on `likeness.consent.events` (read_committed) | %d records; lost %d, duplicated %d |
                    | grantees' alerts | lost %d, duplicated %d |
                    | owners' draft alerts | lost %d, duplicated %d; `notification.created` announcements %d records for %d alerts |
                    | likenesses announced (half before the kill, half after) | %d: consent-service has each, their alerts lost %d, duplicated %d; Keycloak updates %d for %d people |
                    """.formatted(appliedBeforeKill.get(Service.IDENTITY), appliedBeforeKill.get(Service.CONSENT),
                    appliedBeforeKill.get(Service.NOTIFICATION), changes.size(), refusals.size(), drafts.size(), failed.size(), streamed,
                    changesAtKill, draftsAtKill,
                    relayTakenOver.entrySet().stream().map(e -> "%s %.1f s".formatted(e.getKey().module, e.getValue())).collect(Collectors.joining(", ")),
                    partitionsTakenOver, restarted, redelivered, published.size(), lost(changes, onTopic), duplicated(onTopic),
                    lost(changes, changeAlerts), duplicated(changeAlerts), lost(drafts.keySet(), draftAlerts), duplicated(draftAlerts),
                    announcements.values().stream().mapToLong(Long::longValue).sum(), announcements.size(), announced.size(),
                    lost(announced.stream().map(Owner::likeness).toList(), verifiedAlerts), duplicated(verifiedAlerts), keycloakUpdates,
                    announced.size()));
            appliedBeforeKill.forEach((service, applied) -> assertTrue(applied.get(0) > 0 && applied.get(1) > 0,
                    service.module + ": both instances applied events before the kill " + applied));
            assertEquals(List.of(), refusals, "every consent change accepted by one instance or the other");
            assertEquals(CHANGES, changes.size());
            assertEquals(List.of(), failed, "every draft registered by one instance or the other");
            assertEquals(DRAFTS, drafts.size());
            assertEquals(Set.copyOf(changes), onTopic.keySet(), "every change on the topic");
            assertEquals(0, duplicated(onTopic), "no change published twice");
            assertEquals(Set.copyOf(changes), changeAlerts.keySet(), "every change alerted its grantee");
            assertEquals(0, duplicated(changeAlerts), "no change alerted twice");
            assertEquals(drafts.keySet(), draftAlerts.keySet(), "an alert for every draft");
            assertEquals(0, duplicated(draftAlerts), "no draft alerted twice");
            assertEquals(drafts.size(), announcements.size(), "every draft alert announced");
            assertEquals(0, duplicated(announcements), "no announcement twice");
            assertEquals(announced.stream().map(Owner::likeness).collect(Collectors.toSet()), verifiedAlerts.keySet(), "every likeness alerted");
            assertEquals(0, duplicated(verifiedAlerts), "no likeness alerted twice");
            assertEquals(announced.size(), keycloakUpdates, "identity-service's Keycloak sync updated each person once");
        } finally {
            added.forEach(ServiceProcess::close);
            PackagedServices.restart(Service.BACKENDS);
        }
    }

    @Test
    void aDatabaseOutageFailsFastWith503AndTheServicesRecoverWithoutARestart() throws Exception {
        Owner owner = owners(1).get(0);
        String grantee = people(1).get(0);
        Map<Service, String> reads = Map.of(Service.IDENTITY, "/v1/likenesses", Service.CONSENT, "/v1/likenesses",
                Service.NOTIFICATION, "/v1/notifications");
        reads.forEach((service, path) -> as(owner.username(), service).get(path).then().statusCode(200));
        String latecomer = Users.create("Lena");
        UUID lateLikeness = UUID.randomUUID();

        Map<Service, Double> slowest503 = new EnumMap<>(Service.class);
        long stopped = System.nanoTime();
        TestStack.stop(TestStack.POSTGRES);
        try {
            for (int round = 0; round < 5; round++) {
                for (Service service : Service.BACKENDS) {
                    var request = as(owner.username(), service);
                    long asked = System.nanoTime();
                    Response answer = request.get(reads.get(service));
                    slowest503.merge(service, seconds(asked), Math::max);
                    answer.then()
                            .statusCode(503)
                            .contentType("application/problem+json")
                            .header("Retry-After", "5")
                            .body("code", is("unavailable"));
                }
            }
            for (Service service : Service.BACKENDS) {
                given().baseUri(managementUrl(service)).get("/q/health/ready").then().statusCode(503);
            }
            // Consumers hold an event that arrives meanwhile, and apply it once the database is back.
            Events.send(verified(lateLikeness, Tokens.userId(latecomer)));
            Thread.sleep(2000);
        } finally {
            TestStack.start(TestStack.POSTGRES);
        }
        double outage = seconds(stopped);
        long restarted = System.nanoTime();
        Map<Service, Double> recovered = new EnumMap<>(Service.class);
        for (Service service : Service.BACKENDS) {
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> as(owner.username(), service).get(reads.get(service)).statusCode() == 200);
            recovered.put(service, seconds(restarted));
        }
        double ready = awaitReady();

        Awaitility.await().atMost(WAIT).until(() -> consent(latecomer).get("/v1/likenesses/{id}", lateLikeness).statusCode() == 200);
        Awaitility.await().atMost(WAIT).until(() -> inbox(latecomer, Set.of("likeness.verified")).size() == 1);
        assertEquals(0, Events.read(IDENTITY_EVENTS + ".dlq", Events.withKey(lateLikeness.toString()), 1, SETTLE, Duration.ZERO).size(),
                "an event met during the outage is retried, not dead-lettered");
        String grant = consent(owner.username()).contentType(ContentType.JSON)
                .body("{\"granteeId\":\"" + Tokens.userId(grantee) + "\",\"purposes\":[\"draft\"]}")
                .post("/v1/likenesses/{id}/grants", owner.likeness()).then().statusCode(201).extract().path("id");
        Awaitility.await().atMost(WAIT).until(() -> inbox(grantee, Set.of("grant.created")).stream()
                .anyMatch(item -> grant.equals(item.path("grantId").asText())));

        report("PostgreSQL stopped and started", """
                | service | slowest of 5 answers while down (503 problem+json, Retry-After 5) | database back → the same read answers 200 |
                | --- | --- | --- |
                %s

                PostgreSQL down %.0f s; all three services ready %.1f s after it was back, none restarted. An identity event sent
                during the outage was applied after it (not dead-lettered); a grant made afterwards alerted its grantee.
                """.formatted(Service.BACKENDS.stream()
                        .map(s -> "| %s `GET %s` | %.0f ms | %.1f s |".formatted(s.module, reads.get(s), slowest503.get(s) * 1000, recovered.get(s)))
                        .collect(Collectors.joining("\n")), outage, ready));
        slowest503.forEach((service, took) -> assertTrue(took < FAIL_FAST.toMillis() / 1000.0,
                service.module + " took " + took + " s to answer 503"));
    }

    @Test
    void poisonOnEveryConsumedTopicIsDeadLetteredAndTheStreamGoesOn() {
        String username = Users.create("Petra");
        Owner owner = new Owner(username, Tokens.userId(username), UUID.randomUUID());
        UUID likeness = owner.likeness();
        String key = likeness.toString();
        List<ProducerRecord<String, String>> identityPoison = poison(IDENTITY_EVENTS, key, "dev.likeness.identity.likeness.verified.v1",
                "/identity-service", "{\"likenessId\":\"" + likeness + "\",\"verifiedAt\":\"" + OffsetDateTime.now() + "\",\"method\":\"built-in\"}");
        List<ProducerRecord<String, String>> identityEvents = new ArrayList<>(identityPoison);
        identityEvents.add(verified(likeness, owner.id()));
        send(identityEvents);

        UUID draft = UUID.randomUUID();
        List<ProducerRecord<String, String>> consentPoison = poison(CONSENT_EVENTS, key, "dev.likeness.consent.draft.created.v1",
                "/consent-service", "{\"draftId\":\"" + draft + "\",\"likenessId\":\"" + likeness + "\"}");
        List<ProducerRecord<String, String>> consentEvents = new ArrayList<>(consentPoison);
        consentEvents.add(Events.cloudEvent(CONSENT_EVENTS, key, UUID.randomUUID().toString(), "dev.likeness.consent.draft.created.v1",
                "/consent-service", draft.toString(), """
                        {"draftId":"%s","platformDraftId":"render-1","platformId":"likeness-platform-demo","creatorId":"%s",
                         "likenessId":"%s","ownerId":"%s","purpose":"draft","createdAt":"%s"}"""
                        .formatted(draft, Tokens.userId("bob"), likeness, owner.id(), OffsetDateTime.now())));
        send(consentEvents);

        // The valid event after the poison is applied by every consumer of its topic.
        Awaitility.await().atMost(WAIT).until(() -> consent(owner.username()).get("/v1/likenesses/{id}", likeness).statusCode() == 200);
        Awaitility.await().atMost(WAIT).until(() -> key.equals(Users.attributes(owner.id()).path("likeness_id").path(0).asText()));
        Awaitility.await().atMost(WAIT).until(() -> inbox(owner.username(), Set.of("likeness.verified", "draft.created")).size() == 2);

        Map<String, Integer> consumers = Map.of("consent-service/identity-events", identityPoison.size(),
                "notification-service/identity-events", identityPoison.size(),
                "identity-service/keycloak-sync", identityPoison.size(),
                "notification-service/consent-events", consentPoison.size());
        List<ConsumerRecord<String, String>> dead = new ArrayList<>();
        dead.addAll(Events.read(IDENTITY_EVENTS + ".dlq", Events.withKey(key), 3 * identityPoison.size(), WAIT, SETTLE));
        dead.addAll(Events.read(CONSENT_EVENTS + ".dlq", Events.withKey(key), consentPoison.size(), WAIT, SETTLE));
        Map<String, Long> byConsumer = dead.stream()
                .collect(Collectors.groupingBy(r -> Events.header(r, "dead-letter-consumer"), Collectors.counting()));
        report("Poison events on every consumed topic", """
                | topic | consumer | poison sent (no CloudEvents headers, unknown type, not JSON, invalid data) | dead-lettered |
                | --- | --- | --- | --- |
                %s

                A valid event sent after the poison, on the same key (so the same partition), was applied by all four consumers.
                """.formatted(consumers.keySet().stream().sorted().map(c -> "| %s | %s | %d | %d |".formatted(
                        c.endsWith("consent-events") ? CONSENT_EVENTS : IDENTITY_EVENTS, c, consumers.get(c), byConsumer.getOrDefault(c, 0L)))
                .collect(Collectors.joining("\n"))));
        consumers.forEach((consumer, expected) -> assertEquals(expected.longValue(), byConsumer.getOrDefault(consumer, 0L),
                consumer + " dead-lettered each poison event once"));
        dead.forEach(record -> org.hamcrest.MatcherAssert.assertThat(Events.header(record, "dead-letter-reason"), not(emptyOrNullString())));
    }

    @Test
    void aWebhookReceiverThatIsDownGetsTheDeliveryWhenItIsBack() throws Exception {
        Owner owner = owners(1).get(0);
        int port = freePort();
        String receiverUrl = "http://127.0.0.1:" + port + "/hooks";
        String endpoint = as(owner.username(), Service.NOTIFICATION).contentType(ContentType.JSON)
                .body("{\"url\":\"" + receiverUrl + "\",\"eventTypes\":[\"grant.created\"]}")
                .post("/v1/webhooks").then().statusCode(201).extract().path("id");
        Owner grantor = owners(1).get(0);
        long changed = System.nanoTime();
        consent(grantor.username()).contentType(ContentType.JSON)
                .body("{\"granteeId\":\"" + owner.id() + "\",\"purposes\":[\"draft\"]}")
                .post("/v1/likenesses/{id}/grants", grantor.likeness()).then().statusCode(201);

        Awaitility.await().atMost(WAIT).ignoreExceptions().until(() -> deliveries(owner, endpoint).getList("[0].attempts").size() == 1);
        String refused = deliveries(owner, endpoint).getString("[0].attempts[0].error");
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        receiver.createContext("/hooks", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Awaitility.await().atMost(WAIT).ignoreExceptions().until(() -> "DELIVERED".equals(deliveries(owner, endpoint).getString("[0].status")));
        } finally {
            receiver.stop(0);
        }
        JsonPath log = deliveries(owner, endpoint);
        report("Webhook receiver down, then up", """
                | | |
                | --- | --- |
                | first attempt, receiver down | %s |
                | receiver up → delivered on attempt %d, %.1f s after the change (first retry after 5 s ± 20 %%) |  |
                | requests the receiver got | %d, webhook-id %s |
                | 410 Gone disables the endpoint | notification-service `WebhooksTest.goneDisablesTheEndpointUntilItsOwnerEnablesIt` |
                """.formatted(refused, log.getList("[0].attempts").size(), seconds(changed), received.size(), received));
        assertEquals(2, log.getList("[0].attempts").size());
        assertEquals(204, log.getInt("[0].attempts[1].responseStatus"));
        assertEquals(List.of(log.getString("[0].messageId")), received, "delivered once, with the delivery's id");
    }

    // --- people and likenesses ---

    private record Owner(String username, String id, UUID likeness) {
    }

    private record Change(UUID grant, String type) {
    }

    /**
     * People with a verified likeness that consent-service knows. The likeness is announced as
     * identity-service announces it (likeness.verified), sparing a liveness capture per owner.
     */
    private static List<Owner> owners(int count) {
        List<Owner> owners = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String username = Users.create("Olive");
            owners.add(new Owner(username, Tokens.userId(username), UUID.randomUUID()));
        }
        return announce(owners);
    }

    /** Their likenesses announced, once consent-service knows each. */
    private static List<Owner> announce(List<Owner> owners) {
        send(owners.stream().map(owner -> verified(owner.likeness(), owner.id())).toList());
        for (Owner owner : owners) {
            Awaitility.await().atMost(WAIT).until(() -> consent(owner.username()).get("/v1/likenesses/{id}", owner.likeness()).statusCode() == 200);
        }
        return owners;
    }

    /**
     * {@code count} owners whose likeness ids, as Kafka keys, fall evenly on the partitions of
     * {@code likeness.identity.events} (and of the consent events, keyed alike), so every instance
     * that holds a partition gets their events. The ids are random; which partition each takes is not.
     */
    private static List<Owner> owners(int count, Admin kafka) throws Exception {
        int partitions = partitions(kafka, IDENTITY_EVENTS);
        Map<Integer, List<UUID>> byPartition = new HashMap<>();
        while (byPartition.values().stream().mapToInt(List::size).sum() < count) {
            UUID likeness = UUID.randomUUID();
            int partition = Utils.toPositive(Utils.murmur2(likeness.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
            List<UUID> taken = byPartition.computeIfAbsent(partition, p -> new ArrayList<>());
            if (taken.size() < count / partitions) {
                taken.add(likeness);
            }
        }
        List<Owner> owners = new ArrayList<>();
        for (UUID likeness : byPartition.values().stream().flatMap(List::stream).toList()) {
            String username = Users.create("Olive");
            owners.add(new Owner(username, Tokens.userId(username), likeness));
        }
        return announce(owners);
    }

    /** Each owner's audience EVERYONE, and a consent token for bob's drafts of them. */
    private static Map<Owner, String> draftConsent(List<Owner> owners, String creator) {
        Map<Owner, String> consentTokens = new HashMap<>();
        for (Owner owner : owners) {
            consent(owner.username()).contentType(ContentType.JSON).body("{\"audience\":\"EVERYONE\"}")
                    .put("/v1/likenesses/{id}/audience", owner.likeness()).then().statusCode(200);
            consentTokens.put(owner, given().baseUri(url(Service.CONSENT)).auth().oauth2(Tokens.platform()).contentType(ContentType.JSON)
                    .body("{\"requesterId\":\"" + creator + "\",\"requesterToken\":\"" + Tokens.requester("bob") + "\",\"likenessIds\":[\""
                            + owner.likeness() + "\"],\"purpose\":\"draft\"}")
                    .post("/v1/checks").then().statusCode(200).body("allowed", is(true)).extract().path("consentToken"));
        }
        return consentTokens;
    }

    private static List<String> people(int count) {
        List<String> people = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            people.add(Users.create("Gus"));
        }
        return people;
    }

    private static ProducerRecord<String, String> verified(UUID likeness, String ownerId) {
        return Events.cloudEvent(IDENTITY_EVENTS, likeness.toString(), UUID.randomUUID().toString(),
                "dev.likeness.identity.likeness.verified.v1", "/identity-service", likeness.toString(), """
                        {"likenessId":"%s","ownerId":"%s","verifiedAt":"%s","method":"built-in"}"""
                        .formatted(likeness, ownerId, OffsetDateTime.now()));
    }

    /** In order, through one producer: one key's records stay in the order given. */
    private static void send(List<ProducerRecord<String, String>> records) {
        TestStack.kafka().produce(Serdes.String(), Serdes.String()).fromRecords(records).awaitCompletion(Duration.ofSeconds(30));
    }

    /** Four kinds of poison for one key: no CloudEvents headers, an unknown type, data that is not JSON, invalid data. */
    private static List<ProducerRecord<String, String>> poison(String topic, String key, String type, String source, String invalidData) {
        String unknownType = type.replaceFirst("\\.[a-z-]+\\.v1$", ".teleported.v1");
        return List.of(
                new ProducerRecord<>(topic, key, "{\"likenessId\":\"" + key + "\"}"),
                Events.cloudEvent(topic, key, UUID.randomUUID().toString(), unknownType, source, key, "{}"),
                Events.cloudEvent(topic, key, UUID.randomUUID().toString(), type, source, key, "{\"likenessId\": "),
                Events.cloudEvent(topic, key, UUID.randomUUID().toString(), type, source, key, invalidData));
    }

    // --- load ---

    /**
     * Each owner grants the grantees in turn and revokes each grant: two changes a round, owners in
     * parallel, each change added to {@code made} once accepted. A grant whose answer was cut (its
     * instance killed) is asked again of another; if the first had been made, that one answers
     * 409 {@code grant-exists} and the grant made is the likeness' newest.
     */
    private static void grantAndRevoke(Replicas consent, List<Owner> owners, List<String> grantees, int changes, List<Change> made,
                                       List<String> refusals) throws Exception {
        List<String> granteeIds = grantees.stream().map(Tokens::userId).toList();
        AtomicInteger pairsLeft = new AtomicInteger(changes / 2);
        ExecutorService workers = Executors.newFixedThreadPool(owners.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Owner owner : owners) {
                done.add(workers.submit(() -> {
                    String token = Tokens.user(owner.username());
                    for (int round = 0; pairsLeft.getAndDecrement() > 0; round++) {
                        String grantee = granteeIds.get(round % granteeIds.size());
                        Response created = consent.send(request -> request.auth().oauth2(token).contentType(ContentType.JSON)
                                .body("{\"granteeId\":\"" + grantee + "\",\"purposes\":[\"draft\"]}")
                                .post("/v1/likenesses/{id}/grants", owner.likeness()));
                        String id = created.statusCode() == 201 ? created.path("id")
                                : created.statusCode() == 409 && "grant-exists".equals(created.path("code")) ? newestGrant(consent, token, owner, grantee)
                                : null;
                        if (id == null) {
                            refusals.add("grant: " + created.statusCode() + " " + created.asString());
                            continue;
                        }
                        UUID grant = UUID.fromString(id);
                        made.add(new Change(grant, "grant.created"));
                        Response revoked = consent.send(request -> request.auth().oauth2(token)
                                .delete("/v1/likenesses/{id}/grants/{grant}", owner.likeness(), grant));
                        if (revoked.statusCode() == 200) {
                            made.add(new Change(grant, "grant.revoked"));
                        } else {
                            refusals.add("revoke: " + revoked.statusCode() + " " + revoked.asString());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : done) {
                worker.get();
            }
        } finally {
            workers.shutdown();
        }
    }

    /** The likeness' newest grant, if it is the grantee's and in force: one made by a request whose answer was lost. */
    private static String newestGrant(Replicas consent, String token, Owner owner, String grantee) {
        JsonPath newest = consent.send(request -> request.auth().oauth2(token).queryParam("limit", 1)
                .get("/v1/likenesses/{id}/grants", owner.likeness())).then().statusCode(200).extract().jsonPath();
        return grantee.equals(newest.getString("[0].granteeId")) && newest.getString("[0].revokedAt") == null ? newest.getString("[0].id") : null;
    }

    /**
     * Registers drafts, each featuring one owner in turn, a few at a time, until {@link #DRAFTS} are
     * registered. A registration asked again (its answer cut) is 200 if the first was made.
     */
    private static void registerDrafts(Replicas consent, List<Owner> owners, Map<Owner, String> consentTokens, String creator,
                                       Map<String, Owner> registered, List<String> failed) throws Exception {
        AtomicInteger next = new AtomicInteger();
        String proof = Tokens.freshRequester("bob");
        ExecutorService workers = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                done.add(workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < DRAFTS; i = next.getAndIncrement()) {
                        Owner owner = owners.get(i % owners.size());
                        String body = "{\"draftId\":\"fault-" + UUID.randomUUID() + "\",\"creatorId\":\"" + creator
                                + "\",\"creatorToken\":\"" + proof + "\",\"likenessIds\":[\"" + owner.likeness() + "\"],\"consentToken\":\""
                                + consentTokens.get(owner) + "\"}";
                        Response response = consent.send(request -> request.auth().oauth2(Tokens.platform())
                                .contentType(ContentType.JSON).body(body).post("/v1/drafts"));
                        if (response.statusCode() == 201 || response.statusCode() == 200) {
                            registered.put(response.path("id"), owner);
                        } else {
                            failed.add(response.statusCode() + " " + response.asString());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : done) {
                worker.get();
            }
        } finally {
            workers.shutdown();
        }
    }

    private static Future<?> runInBackground(java.util.concurrent.Callable<Void> task) {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Future<?> future = thread.submit(task);
        thread.shutdown();
        return future;
    }

    // --- instances ---

    /** What each consumer group reads. */
    private static final Map<String, List<String>> CONSUMERS = Map.of(
            "consent-service", List.of(IDENTITY_EVENTS),
            "notification-service", List.of(IDENTITY_EVENTS, CONSENT_EVENTS),
            "identity-service-keycloak-sync", List.of(IDENTITY_EVENTS));
    private static final Pattern RELAY_LEADS = Pattern.compile("outbox relay \\S+ is publishing");

    /** The members of each group once it is stable and holds every partition it reads. */
    private static Map<String, Integer> consumers(Admin kafka) {
        return awaitConsumers(kafka, group -> null);
    }

    /**
     * Until each group is stable, with {@code members} of it (null: any number), and holds every
     * partition of the topics it reads; a member is one consumer, and an instance may run several
     * (notification-service's consent-events has a concurrency of 3).
     */
    private static Map<String, Integer> awaitConsumers(Admin kafka, Function<String, Integer> members) {
        Map<String, Integer> seen = new HashMap<>();
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, ConsumerGroupDescription> groups = kafka.describeConsumerGroups(CONSUMERS.keySet()).all().get();
            for (Map.Entry<String, List<String>> consumer : CONSUMERS.entrySet()) {
                ConsumerGroupDescription group = groups.get(consumer.getKey());
                Set<TopicPartition> held = group.members().stream().flatMap(member -> member.assignment().topicPartitions().stream())
                        .collect(Collectors.toSet());
                String state = consumer.getKey() + " " + group.groupState() + ", " + group.members().size() + " members holding " + held;
                assertEquals(GroupState.STABLE, group.groupState(), state);
                Integer expected = members.apply(consumer.getKey());
                assertTrue(expected == null || expected == group.members().size(), state + ", " + expected + " expected");
                for (String topic : consumer.getValue()) {
                    for (int partition = 0; partition < partitions(kafka, topic); partition++) {
                        assertTrue(held.contains(new TopicPartition(topic, partition)), state + ": " + topic + "-" + partition + " not held");
                    }
                }
                seen.put(consumer.getKey(), group.members().size());
            }
        });
        return seen;
    }

    private static int partitions(Admin kafka, String topic) throws Exception {
        return kafka.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }

    /** Events this instance consumed with this outcome ({@code applied}, {@code redelivered}), by its {@code likeness.events.consumed} counters. */
    private static long consumed(String managementUrl, String outcome) {
        return given().baseUri(managementUrl).get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("likeness_events_consumed_total{") && line.contains("outcome=\"" + outcome + "\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static boolean leadsTheRelay(Path log) throws java.io.IOException {
        return RELAY_LEADS.matcher(Files.readString(log)).find();
    }

    // --- what arrived ---

    /**
     * The people's notifications of these types, counted by {@code identity}: waits until
     * {@code expected} arrived (or {@link #DRAIN} passed: the caller reports what is missing),
     * then {@link #SETTLE} more so that a late duplicate shows.
     */
    private static <K> Map<K, Long> awaitAlerts(List<String> people, Set<String> types, int expected, Function<JsonNode, K> identity) {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (System.nanoTime() < deadline && people.stream().mapToInt(person -> inbox(person, types).size()).sum() < expected) {
            sleep(Duration.ofSeconds(1));
        }
        sleep(SETTLE);
        return people.stream().flatMap(person -> inbox(person, types).stream())
                .collect(Collectors.groupingBy(identity, Collectors.counting()));
    }

    /** Every notification of these types in the person's inbox, page after page. */
    private static List<JsonNode> inbox(String person, Set<String> types) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(person, Service.NOTIFICATION).queryParam("limit", 100).queryParam("type", new ArrayList<>(types));
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonNode page = json(request.get("/v1/notifications").then().statusCode(200).extract().asString());
            page.path("items").forEach(items::add);
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return items;
    }

    private static JsonPath deliveries(Owner owner, String endpoint) {
        return as(owner.username(), Service.NOTIFICATION).get("/v1/webhooks/{id}/deliveries", endpoint).then().statusCode(200)
                .extract().jsonPath();
    }

    private static <K> long lost(java.util.Collection<K> expected, Map<K, Long> arrived) {
        return expected.stream().distinct().filter(k -> !arrived.containsKey(k)).count();
    }

    private static <K> long duplicated(Map<K, Long> arrived) {
        return arrived.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
    }

    /** Seconds until all three services are ready again. */
    private static double awaitReady() {
        long from = System.nanoTime();
        for (Service service : Service.BACKENDS) {
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> given().baseUri(managementUrl(service)).get("/q/health/ready").statusCode() == 200);
        }
        return seconds(from);
    }

    // --- plumbing ---

    private static String url(Service service) {
        return PackagedServices.url(service);
    }

    private static String managementUrl(Service service) {
        return PackagedServices.managementUrl(service);
    }

    private static io.restassured.specification.RequestSpecification as(String person, Service service) {
        return given().baseUri(url(service)).auth().oauth2(Tokens.user(person));
    }

    private static io.restassured.specification.RequestSpecification consent(String person) {
        return as(person, Service.CONSENT);
    }

    private static String shortType(String type) {
        return type.replaceFirst("^dev\\.likeness\\.[a-z]+\\.", "").replaceFirst("\\.v1$", "");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    private static void report(String fault, String table) {
        String section = "## " + fault + "\n\n" + table;
        REPORT.add(section);
        System.out.println(section);
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
