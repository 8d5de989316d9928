package dev.likeness.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.likeness.captures.Captures;
import dev.likeness.devstack.Service;
import dev.likeness.devstack.ServiceConfig;
import dev.likeness.devstack.ServiceProcess;
import dev.likeness.devstack.StackInfo;
import dev.likeness.devstack.testing.TestStack;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;

/**
 * The platform's performance figures, all measured in one run against the packaged services on
 * the test stack with real Keycloak tokens: the limit (consent-service's no-op authenticated
 * endpoint), the consent check next to it and next to the peer (Keycloak Authorization Services'
 * UMA decision on the same share, same load), the check on an instance without its cache (every
 * check reads PostgreSQL) and there at 10k and 1M grants, revocation between two instances, draft → owner's live stream at a sustained rate, and liveness
 * verification per capture. Every figure is measured {@code bench.runs} times after a warm-up.
 * Not part of the test suite: run it with deploy/benchmark.sh. Writes deploy/benchmarks/results.md
 * and results.svg.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BenchmarkSuite {

    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final Set<String> PARTS = Set.of(System.getProperty("bench.parts", "consent,stream,liveness,console").split(","));
    private static final Path REPOSITORY = Path.of(System.getProperty("likeness.repository"));
    private static final List<ServiceProcess> SERVICES = new ArrayList<>();
    /** Seeds of the generated live clips, from a fixed base so a run replays; one each, as a capture verifies only once. */
    private static final AtomicLong CLIPS = new AtomicLong(53_000);
    private static Report report;
    private static ServiceProcess identity;
    private static ServiceProcess consentA;
    private static ServiceProcess consentB;
    /** Without the check cache: every check reads PostgreSQL, whose cost the grant count could change. */
    private static ServiceProcess uncached;
    private static ServiceProcess notification;

    private final int likenesses = Integer.getInteger("bench.likenesses", 100_000);
    private final int grants = Integer.getInteger("bench.grants", 1_000_000);
    private final Wrk wrk = new Wrk(Integer.getInteger("bench.connections", 16),
            Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 10)), Duration.ofSeconds(Integer.getInteger("bench.seconds", 15)));

    @BeforeAll
    static void startTheServices() throws Exception {
        StackInfo stack = TestStack.info();
        Path logs = REPOSITORY.resolve("deploy/system-tests/target/service-logs");
        // Seeded challenges (tests only): with the fixed clip seeds, every run measures the same captures.
        identity = start(ServiceProcess.start(REPOSITORY, Service.IDENTITY, stack, 0, logs, Map.of("likeness.enrolment.challenge-seed", "7323")));
        Map<String, String> a = new HashMap<>(Map.of("likeness.outbox.relay-id", "consent-a"));
        a.putAll(PackagedServices.UNLIMITED_WRITES); // the revocation rounds grant and revoke as alice, hundreds of times
        if (System.getProperty("bench.jfr") != null) { // a flight recording of the instance under load, for profiling
            a.put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=filename=target/consent-a.jfr,settings=profile");
        }
        consentA = start(ServiceProcess.start(REPOSITORY, Service.CONSENT, stack, 0, logs, a));
        consentB = start(ServiceProcess.start(REPOSITORY, Service.CONSENT, stack, 0, logs, Map.of("likeness.outbox.relay-id", "consent-b")));
        uncached = start(ServiceProcess.start(REPOSITORY, Service.CONSENT, stack, 0, logs,
                Map.of("likeness.outbox.relay-id", "consent-uncached", "likeness.check.cache.max-entries", "0",
                        "likeness.check.cache.max-proofs", "0")));
        notification = start(ServiceProcess.start(REPOSITORY, Service.NOTIFICATION, stack, 0, logs, Map.of()));
        for (ServiceProcess service : SERVICES) {
            service.awaitReady(Duration.ofMinutes(2));
        }
        report = new Report("Services on Java %d, %d runs per figure, %d cores".formatted(Runtime.version().feature(), RUNS,
                Runtime.getRuntime().availableProcessors()));
    }

    private static ServiceProcess start(ServiceProcess service) {
        SERVICES.add(service);
        return service;
    }

    @AfterAll
    static void writeTheReport() throws Exception {
        SERVICES.forEach(ServiceProcess::close);
        if (report != null) {
            System.out.println(report.markdown());
            report.write(REPOSITORY.resolve("deploy/benchmarks/results.md"), REPOSITORY.resolve("deploy/benchmarks/results.svg"));
        }
    }

    @Test
    @Order(1)
    void consentCheckAgainstTheLimitThePeerAndScale() throws Exception {
        Assumptions.assumeTrue(PARTS.contains("consent"));
        ConsentLoad load = new ConsentLoad(likenesses);
        String a = consentA.url();
        int few = 10_000 / ConsentLoad.GRANTS_PER_LIKENESS;
        load.seedLikenesses();
        load.seedGrants(0, few);
        String aliceLikeness = load.seedOwnLikeness(Tokens.userId("alice"));

        // Scaling: the same bodies at 10k and at 1M grants, one connection, read from the database; only the table differs.
        List<ConsentLoad.Check> early = ConsentLoad.bodies(n -> load.oneAllowed(few));
        for (ServiceProcess instance : List.of(consentA, consentB, uncached)) { // the JIT compiles the check before anything is measured
            wrk.measure(checks(instance.url(), early), 1);
        }
        List<Wrk.Run> atFew = wrk.measure(checks(uncached.url(), early), RUNS, 1);
        load.seedGrants(few, grants / ConsentLoad.GRANTS_PER_LIKENESS);
        List<Wrk.Run> atMany = wrk.measure(checks(uncached.url(), early), RUNS, 1);

        report.limit("no-op: GET /v1/me (the limit)", wrk.measure(Wrk.Load.get(a + "/v1/me", Tokens.freshPlatform()), RUNS));
        report.load("check, 1 likeness, allowed", wrk.measure(checks(a, ConsentLoad.bodies(n -> load.oneAllowed(likenesses))), RUNS),
                "Keycloak UMA decision, 1 resource, allowed");
        report.load("check, 4 likenesses, allowed", wrk.measure(checks(a, ConsentLoad.bodies(n -> load.fourAllowed())), RUNS),
                "Keycloak UMA decision, 4 resources, allowed");
        report.load("check, 1 likeness, allowed, without the caches", wrk.measure(checks(uncached.url(),
                ConsentLoad.bodies(n -> load.oneAllowed(likenesses))), RUNS), null);
        report.load("check, 1 likeness, denied", wrk.measure(checks(a, ConsentLoad.bodies(load::oneDenied)), RUNS), null);
        report.load("check, 4 likenesses, denied", wrk.measure(checks(a, ConsentLoad.bodies(load::fourDenied)), RUNS), null);
        report.load("check, requester unproven, without the caches (verifying the proof alone)",
                wrk.measure(checks(uncached.url(), ConsentLoad.bodies(n -> load.unproven())), RUNS), null);

        UmaPeer peer = UmaPeer.share(4, "bob");
        peer.expectAllowed("bob", 1);
        peer.expectAllowed("bob", 4);
        report.load("Keycloak UMA decision, 1 resource, allowed", wrk.measure(peer.decision("bob", 1), RUNS), null);
        report.load("Keycloak UMA decision, 4 resources, allowed", wrk.measure(peer.decision("bob", 4), RUNS), null);

        List<Double> ratio = new ArrayList<>();
        List<Double> scaling = new ArrayList<>();
        Report.Load limit = report.find("no-op: GET /v1/me (the limit)");
        Report.Load one = report.find("check, 1 likeness, allowed");
        for (int run = 0; run < RUNS; run++) {
            ratio.add(one.runs().get(run).throughput() / limit.runs().get(run).throughput());
            scaling.add((double) atMany.get(run).p50() / atFew.get(run).p50());
        }
        report.measure("check (1 likeness, allowed) ÷ no-op, throughput", ratio, "×", "≥ 0.5");
        report.measure("verifying a proof alone (requester unproven, without the caches) ÷ no-op, throughput",
                ratioTo(report.find("check, requester unproven, without the caches (verifying the proof alone)"), limit), "×", "");
        report.measure("check p50 at %,d grants ÷ at 10,000 grants (1 connection, same requests)".formatted(grants), scaling, "×", "≤ 1.3");
        report.measure("check p50 at 10,000 grants, 1 connection", atFew.stream().map(run -> run.p50() / 1e3).toList(), "ms", "");
        report.measure("check p50 at %,d grants, 1 connection".formatted(grants), atMany.stream().map(run -> run.p50() / 1e3).toList(), "ms", "");

        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> stale = new ArrayList<>();
        List<Double> usable = new ArrayList<>();
        int rounds = Integer.getInteger("bench.propagation-rounds", 200);
        String requester = Users.create("Pat");
        for (int run = 0; run < RUNS; run++) {
            ConsentLoad.Propagation propagation = ConsentLoad.propagation(a, consentB.url(), aliceLikeness, requester, rounds);
            p50.add(DraftStream.quantile(propagation.times(), 0.5));
            p99.add(DraftStream.quantile(propagation.times(), 0.99));
            stale.add((double) propagation.stale());
            usable.add((double) propagation.usable());
        }
        report.measure("revoke answered on instance A → denied on B, p50 (%d rounds a run)".formatted(rounds), p50, "ms", "");
        report.measure("revoke answered on instance A → denied on B, p99", p99, "ms", "≤ 100 ms");
        report.measure("checks on B allowed after the revoke was answered, before its notification arrived", stale, "", "");
        report.measure("… whose consent token then registered a draft", usable, "", "0");
        for (Report.Load measured : List.of(limit, one)) {
            assertEquals(0, measured.failed(), measured.name() + ": requests failed");
        }
    }

    @Test
    @Order(2)
    void draftToTheOwnersStream() throws Exception {
        Assumptions.assumeTrue(PARTS.contains("stream"));
        int rate = Integer.getInteger("bench.rate", 200);
        Duration length = Duration.ofSeconds(Integer.getInteger("bench.stream-seconds", 30));
        DraftStream stream = DraftStream.open(identity.url(), consentA.url(), notification.url(), Integer.getInteger("bench.owners", 10));
        // The services have just started: measured at once, the runs would measure their JIT compiling the path
        // (on two cores that takes minutes: with a 60 s warm-up, both runs at 200/s refused drafts and took seconds).
        stream.run(Duration.ofSeconds(Integer.getInteger("bench.stream-warmup", 180)), rate / 2);
        List<DraftStream.Run> runs = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            DraftStream.Run measured = stream.run(length, rate);
            runs.add(measured);
            System.out.printf("stream run %d: %d registered, %d failed, %d missing; sent → stream p50 %.0f, p99 %.0f ms; sent → 201 p99 %.0f ms%n",
                    run, measured.registered(), measured.failed(), measured.missing(), DraftStream.quantile(measured.total(), 0.5),
                    DraftStream.quantile(measured.total(), 0.99), DraftStream.quantile(measured.registration(), 0.99));
        }
        String at = "%d drafts/s for %d s".formatted(rate, length.toSeconds());
        report.measure("drafts registered (201) per second, " + at, runs.stream().map(r -> r.registered() / r.seconds()).toList(), "/s",
                "%d/s".formatted(rate));
        report.measure("drafts refused or failed", runs.stream().map(r -> (double) r.failed()).toList(), "", "0");
        report.measure("draft events missing from the owner's stream", runs.stream().map(r -> (double) r.missing()).toList(), "", "0");
        report.measure("draft sent → on the owner's stream, p50", runs.stream().map(r -> DraftStream.quantile(r.total(), 0.5)).toList(),
                "ms", "");
        report.measure("draft sent → on the owner's stream, p99", runs.stream().map(r -> DraftStream.quantile(r.total(), 0.99)).toList(),
                "ms", "≤ 500 ms");
        report.measure("of which draft sent → 201, p99", runs.stream().map(r -> DraftStream.quantile(r.registration(), 0.99)).toList(),
                "ms", "");
        report.measure("of which notification stored → on the stream, p99",
                runs.stream().map(r -> DraftStream.quantile(r.storedToStream(), 0.99)).toList(), "ms", "");
    }

    @Test
    @Order(3)
    void livenessVerificationPerCapture() throws Exception {
        Assumptions.assumeTrue(PARTS.contains("liveness"));
        int clips = Integer.getInteger("bench.clips", 4);
        capture(); // warm-up: the models' first use
        List<Double> medians = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            double[] times = new double[clips];
            for (int clip = 0; clip < clips; clip++) {
                times[clip] = capture();
            }
            medians.add(Report.median(times));
            System.out.println("liveness run " + run + ": " + Arrays.toString(times));
        }
        report.measure("capture verified (upload + liveness checks), median of %d generated clips a run".formatted(clips), medians,
                "ms", "≤ 1,000 ms");
    }

    @Test
    @Order(4)
    void consolePagesRenderTimeAndWeight() throws Exception {
        Assumptions.assumeTrue(PARTS.contains("console"));
        ServiceProcess console = start(ServiceProcess.start(REPOSITORY, Service.WEB_CONSOLE, TestStack.info(), 0,
                REPOSITORY.resolve("deploy/system-tests/target/service-logs"), ServiceConfig.backendUrls(service -> switch (service) {
                    case IDENTITY -> identity.url();
                    case CONSENT -> consentA.url();
                    default -> notification.url();
                })));
        console.awaitReady(Duration.ofMinutes(2));
        double[] scriptAndStyle = new double[1];
        ConsolePages pages = ConsolePages.signedInOwner(console.url(), identity.url(), consentA.url(), CLIPS.incrementAndGet(),
                scriptAndStyle);
        // Warm-up: the console's and the services' JIT; after 50 requests a page, the first run was still the slowest.
        pages.p95(Integer.getInteger("bench.console-warmup", 300));
        List<double[]> runs = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            runs.add(pages.p95(200));
            System.out.println("console run " + run + ": " + Arrays.toString(runs.get(run)));
        }
        for (int page = 0; page < ConsolePages.PAGES.size(); page++) {
            int p = page;
            report.measure("console page %s: server render p95 of 200 requests in turn, signed in, services warm"
                    .formatted(ConsolePages.PAGES.get(page)), runs.stream().map(r -> r[p]).toList(), "ms", "≤ 50 ms");
        }
        report.measure("console: script and style a page loads (largest of those pages, uncompressed)",
                List.of(scriptAndStyle[0]), "KB", "≤ 100 KB");
    }

    /** Enrols a new person with a generated live capture; answers the capture request's time in ms. */
    private static double capture() {
        String person = Users.create("Lena");
        var enrolment = given().baseUri(identity.url()).auth().oauth2(Tokens.user(person)).post("/v1/enrolments").then().statusCode(201)
                .extract().jsonPath();
        byte[] clip = Captures.record(Captures.Container.MP4, Captures.live(enrolment.getString("challenge.digits"),
                enrolment.getList("challenge.moves", String.class)).lasting(5), CLIPS.incrementAndGet());
        long started = System.nanoTime();
        given().baseUri(identity.url()).auth().oauth2(Tokens.user(person))
                .header("Likeness-Challenge-Nonce", enrolment.getString("challenge.nonce")).contentType("video/mp4").body(clip)
                .put("/v1/enrolments/{id}/capture", enrolment.getString("id")).then().statusCode(200);
        return (System.nanoTime() - started) / 1e6;
    }

    /** Checks with proofs issued now; the first is sent once to show its proof holds (or, unproven, does not). */
    private static Wrk.Load checks(String instance, List<ConsentLoad.Check> checks) throws Exception {
        List<String> bodies = ConsentLoad.proven(checks);
        String platform = Tokens.freshPlatform();
        String reason = given().baseUri(instance).auth().oauth2(platform).contentType("application/json").body(bodies.get(0))
                .post("/v1/checks").then().statusCode(200).extract().path("decisions[0].reason");
        assertEquals(checks.get(0).proves(), !"requester-unproven".equals(reason), "the load's proofs are what it means to measure");
        return Wrk.Load.post(instance + "/v1/checks", platform, "application/json", bodies);
    }

    private static List<Double> ratioTo(Report.Load load, Report.Load limit) {
        return IntStream.range(0, RUNS).mapToObj(run -> load.runs().get(run).throughput() / limit.runs().get(run).throughput()).toList();
    }
}
