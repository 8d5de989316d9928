package dev.likeness.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.devstack.Service;
import dev.likeness.devstack.ServiceProcess;
import dev.likeness.devstack.StackInfo;
import dev.likeness.devstack.testing.TestStack;
import dev.likeness.devstack.testing.Tokens;

/**
 * The consent check under load, next to the same service's no-op authenticated endpoint
 * ({@code GET /v1/me}, "the limit"), with 100k likenesses and 1M grants in the database; the
 * check at 10k grants against 1M; and, with two instances, how long after a revoke is answered
 * on one the other denies. wrk (Debian package) drives the HTTP load with real Keycloak tokens
 * against the packaged service; every figure comes from one run. Not part of the test suite: run
 * it with deploy/benchmark-consent.sh. Prints a table and writes it to target/consent-check.md.
 */
class ConsentCheckBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int LIKENESSES = Integer.getInteger("bench.likenesses", 100_000);
    private static final int GRANTS_PER_LIKENESS = 10;
    private static final int GRANTS = Integer.getInteger("bench.grants", 1_000_000);
    /** The smaller table the scaling row compares against. */
    private static final int FEW_GRANTS = 10_000;
    private static final List<ServiceProcess> INSTANCES = new ArrayList<>();

    private final Duration warmUp = Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 10));
    private final Duration measured = Duration.ofSeconds(Integer.getInteger("bench.seconds", 20));
    private final int connections = Integer.getInteger("bench.connections", 16);
    private final int rounds = Integer.getInteger("bench.propagation-rounds", 200);
    private final Random random = new Random(42);

    /** One wrk run: requests, seconds, failed (non-2xx or socket errors) and latency quantiles in µs. */
    record Run(String name, int clients, long requests, double seconds, long failed, long p50, long p99, long p999) {

        double throughput() {
            return requests / seconds;
        }
    }

    @BeforeAll
    static void startTwoInstances() throws Exception {
        StackInfo stack = TestStack.info();
        Path repository = Path.of(System.getProperty("likeness.repository"));
        for (String instance : List.of("a", "b")) {
            Map<String, String> config = new java.util.HashMap<>(Map.of("likeness.outbox.relay-id", "consent-" + instance));
            if (System.getProperty("bench.jfr") != null) { // a flight recording of each instance, for profiling
                config.put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=filename=target/consent-" + instance + ".jfr,settings=profile");
            }
            INSTANCES.add(ServiceProcess.start(repository, Service.CONSENT, stack, 0,
                    repository.resolve("deploy/system-tests/target/service-logs"), config));
        }
        for (ServiceProcess instance : INSTANCES) {
            instance.awaitReady(Duration.ofMinutes(2));
        }
    }

    @AfterAll
    static void stopTheInstances() {
        INSTANCES.forEach(ServiceProcess::close);
    }

    @Test
    void checkAgainstTheLimitAtScaleAndRevocationAcrossInstances() throws Exception {
        String a = INSTANCES.get(0).url();
        String b = INSTANCES.get(1).url();
        String aliceLikeness;
        try (Connection database = connect()) {
            seedLikenesses(database);
            seedGrants(database, 0, FEW_GRANTS / GRANTS_PER_LIKENESS);
            aliceLikeness = seedOwnLikeness(database, Tokens.userId("alice"));
        }
        // Same bodies at 10k and at 1M grants: only the table size differs.
        IntFunction<String> early = n -> oneAllowed(random.nextInt(FEW_GRANTS / GRANTS_PER_LIKENESS));
        for (String instance : List.of(a, b)) { // the JIT compiles the check before anything is measured
            check(instance, "warm-up " + instance, early, connections);
        }
        Run atFewGrants = check(a, "1 likeness, allowed, 10k grants, 1 connection", early, 1);
        try (Connection database = connect()) {
            seedGrants(database, FEW_GRANTS / GRANTS_PER_LIKENESS, GRANTS / GRANTS_PER_LIKENESS);
        }
        Run atManyGrants = check(a, "1 likeness, allowed, 1M grants, 1 connection (same requests)", early, 1);

        Run limit = wrk(a + "/v1/me", "no-op: GET /v1/me (the limit)", null, connections);
        Run one = check(a, "check, 1 likeness, allowed", n -> oneAllowed(random.nextInt(LIKENESSES)), connections);
        Run four = check(a, "check, 4 likenesses, allowed", n -> fourAllowed(random.nextInt(LIKENESSES / 4)), connections);
        Run oneDenied = check(a, "check, 1 likeness, denied", n -> scene("seed-stranger-" + n, random.nextInt(LIKENESSES)), connections);
        Run fourDenied = check(a, "check, 4 likenesses, denied", n -> {
            int first = random.nextInt(LIKENESSES / 4) * 4;
            return scene("seed-stranger-" + n, first, first + 1, first + 2, first + 3);
        }, connections);
        long[] propagation = propagation(a, b, aliceLikeness);

        StringBuilder table = new StringBuilder("""
                | consent-service on Java %s, %,d likenesses, %,d grants; wrk %d connections, %d s after %d s warm-up | req/s | × limit | p50 | p99 | p99.9 | failed |
                | --- | --- | --- | --- | --- | --- | --- |
                """.formatted(Runtime.version().feature(), LIKENESSES, GRANTS, connections, measured.toSeconds(), warmUp.toSeconds()));
        for (Run run : List.of(limit, one, four, oneDenied, fourDenied, atFewGrants, atManyGrants)) {
            String ratio = run.clients() == limit.clients() ? "%.2f".formatted(run.throughput() / limit.throughput()) : "–";
            table.append("| %s | %,.0f | %s | %s | %s | %s | %d |%n".formatted(run.name(), run.throughput(), ratio,
                    ms(run.p50()), ms(run.p99()), ms(run.p999()), run.failed()));
        }
        table.append("""

                | measure | value | target |
                | --- | --- | --- |
                | check (1 likeness) throughput ÷ no-op throughput | %.2f | ≥ 0.5 |
                | check (4 likenesses) throughput ÷ no-op throughput | %.2f | |
                | p50 at 1M grants ÷ p50 at 10k grants (1 connection, same requests) | %.2f | ≤ 1.3 |
                | revoke answered on instance A → denied on instance B, p50 / p99 / max (%d rounds) | %s / %s / %s | p99 ≤ 100 ms |
                | checks on B still allowed after the revoke was answered | %d | 0 |
                """.formatted(one.throughput() / limit.throughput(), four.throughput() / limit.throughput(),
                (double) atManyGrants.p50() / atFewGrants.p50(), rounds, ms(quantile(propagation, 0.5)),
                ms(quantile(propagation, 0.99)), ms(propagation[propagation.length - 1]), propagation.length - rounds));
        System.out.println(table);
        Files.writeString(Path.of("target/consent-check.md"), table);
        for (Run run : List.of(limit, one, four, oneDenied, fourDenied, atFewGrants, atManyGrants)) {
            assertEquals(0, run.failed(), run.name() + ": requests failed");
        }
    }

    private Run check(String url, String name, IntFunction<String> body, int clients) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int n = 0; n < 2000; n++) {
            bodies.add(body.apply(n));
        }
        return wrk(url + "/v1/checks", name, bodies, clients);
    }

    private static String oneAllowed(int likeness) {
        return scene("seed-group-" + likeness / 4, likeness);
    }

    private static String fourAllowed(int group) {
        return scene("seed-group-" + group, group * 4, group * 4 + 1, group * 4 + 2, group * 4 + 3);
    }

    private static String scene(String requester, int... likenesses) {
        String ids = String.join("\",\"", Arrays.stream(likenesses).mapToObj(ConsentCheckBenchmark::likenessId).toList());
        return "{\"requesterId\":\"" + requester + "\",\"likenessIds\":[\"" + ids + "\"],\"purpose\":\"draft\"}";
    }

    /** A warm-up run, then the measured one; POST bodies taken in turn, or a GET when there are none. */
    private Run wrk(String url, String name, List<String> bodies, int clients) throws IOException, InterruptedException {
        Path script = Files.createTempFile("wrk-", ".lua");
        StringBuilder lua = new StringBuilder();
        lua.append("wrk.headers[\"Authorization\"] = \"Bearer ").append(Tokens.platform()).append("\"\n");
        if (bodies != null) {
            lua.append("wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nlocal bodies = {\n");
            for (String body : bodies) {
                lua.append("  ").append(JSON.writeValueAsString(body)).append(",\n"); // a JSON string is a Lua string
            }
            lua.append("}\nlocal n = 0\nrequest = function()\n  n = n + 1\n  return wrk.format(nil, nil, nil, bodies[n % #bodies + 1])\nend\n");
        }
        lua.append("""
                done = function(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format("RESULT %d %d %d %d %d %d\\n", summary.requests, summary.duration,
                    e.status + e.connect + e.read + e.write + e.timeout,
                    latency:percentile(50), latency:percentile(99), latency:percentile(99.9)))
                end
                """);
        Files.writeString(script, lua);
        try {
            run(script, url, warmUp, clients);
            String[] result = run(script, url, measured, clients);
            Run measuredRun = new Run(name, clients, Long.parseLong(result[1]), Long.parseLong(result[2]) / 1e6, Long.parseLong(result[3]),
                    Long.parseLong(result[4]), Long.parseLong(result[5]), Long.parseLong(result[6]));
            System.out.printf("%s: %,.0f req/s, p50 %s, p99 %s%n", name, measuredRun.throughput(), ms(measuredRun.p50()),
                    ms(measuredRun.p99()));
            return measuredRun;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private String[] run(Path script, String url, Duration length, int clients) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("wrk", "-t1", "-c" + clients, "-d" + length.toSeconds() + "s", "--timeout", "10s",
                "-s", script.toString(), url).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes());
        assertEquals(0, wrk.waitFor(), output);
        return output.lines().filter(line -> line.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no result: " + output)).split(" ");
    }

    /**
     * Per round: grant a person on instance A, see B allow them, revoke on A, then check on B
     * back to back until denied. Answers the times from the revoke's answer to B's first denial
     * (µs, sorted), one per round, plus one extra entry per stale "allowed" seen on B.
     */
    private long[] propagation(String a, String b, String likeness) throws Exception {
        String owner = Tokens.user("alice");
        List<Long> times = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            String requester = "propagation-" + round;
            String grant = JSON.readTree(send(a + "/v1/likenesses/" + likeness + "/grants", owner, "POST",
                    "{\"granteeId\":\"" + requester + "\",\"purposes\":[\"draft\"]}", 201)).path("id").asText();
            String check = "{\"requesterId\":\"" + requester + "\",\"likenessIds\":[\"" + likeness + "\"],\"purpose\":\"draft\"}";
            assertTrue(allowed(b, check), "B sees the grant made on A");
            send(a + "/v1/likenesses/" + likeness + "/grants/" + grant, owner, "DELETE", null, 200);
            long answered = System.nanoTime();
            while (allowed(b, check)) {
                times.add(Long.MAX_VALUE); // a stale answer: counted, and it makes the row fail its target
            }
            times.add((System.nanoTime() - answered) / 1000);
        }
        return times.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static boolean allowed(String instance, String check) throws Exception {
        return JSON.readTree(send(instance + "/v1/checks", Tokens.platform(), "POST", check, 200)).path("allowed").asBoolean();
    }

    private static String send(String url, String token, String method, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, response.statusCode(), url + ": " + response.body());
        return response.body();
    }

    private static Connection connect() throws SQLException {
        StackInfo stack = TestStack.info();
        StackInfo.Database consent = stack.database(Service.CONSENT);
        return DriverManager.getConnection("jdbc:postgresql://%s:%d/%s".formatted(stack.postgres().host(), stack.postgres().port(),
                consent.name()), consent.user(), consent.password());
    }

    static String likenessId(int n) {
        return "00000000-0000-4000-8000-%012x".formatted(n);
    }

    /** Verified likenesses of made-up owners, audience APPROVED: the check decides by grants. */
    private static void seedLikenesses(Connection database) throws SQLException {
        try (Statement sql = database.createStatement()) {
            sql.execute("""
                    INSERT INTO likeness (id, owner_id, status, audience, revision, verified_at, updated_at)
                    SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'seed-owner-' || i, 'VERIFIED',
                           'APPROVED', 1, now(), now()
                    FROM generate_series(0, %d) i ON CONFLICT DO NOTHING""".formatted(LIKENESSES - 1));
            sql.execute("ANALYZE likeness");
        }
    }

    /**
     * Ten grants on each likeness in [from, to): one to {@code seed-group-(i/4)}, so one person may
     * feature four likenesses in a row, and nine to people nobody checks for.
     */
    private static void seedGrants(Connection database, int from, int to) throws SQLException {
        try (Statement sql = database.createStatement()) {
            sql.execute("""
                    INSERT INTO consent_grant (id, likeness_id, grantee_id, purposes, created_at)
                    SELECT gen_random_uuid(), ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
                           CASE WHEN j = 0 THEN 'seed-group-' || (i / 4) ELSE 'seed-fan-' || (i * 10 + j) END, 'draft', now()
                    FROM generate_series(%d, %d) i, generate_series(0, %d) j ON CONFLICT DO NOTHING"""
                    .formatted(from, to - 1, GRANTS_PER_LIKENESS - 1));
            sql.execute("ANALYZE consent_grant");
        }
    }

    /** A likeness of a real Keycloak user, whose token can change its grants through the API. */
    private static String seedOwnLikeness(Connection database, String ownerId) throws SQLException {
        String id = java.util.UUID.randomUUID().toString();
        try (PreparedStatement sql = database.prepareStatement("""
                INSERT INTO likeness (id, owner_id, status, audience, revision, verified_at, updated_at)
                VALUES (?::uuid, ?, 'VERIFIED', 'APPROVED', 1, now(), now())""")) {
            sql.setString(1, id);
            sql.setString(2, ownerId);
            sql.executeUpdate();
        }
        return id;
    }

    private static long quantile(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
    }

    private static String ms(long micros) {
        return micros == Long.MAX_VALUE ? "stale" : "%.2f ms".formatted(micros / 1e3);
    }
}
