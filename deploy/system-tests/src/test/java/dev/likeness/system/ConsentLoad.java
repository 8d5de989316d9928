package dev.likeness.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.devstack.Service;
import dev.likeness.devstack.StackInfo;
import dev.likeness.devstack.testing.TestStack;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;

/**
 * consent-service's data and requests for the load: verified likenesses of made-up owners
 * (audience APPROVED, so checks decide by grants) and ten grants each, seeded straight into its
 * database; check bodies over them; and the revocation round trip between two instances. The
 * requesters are real people, so every check carries their proof (a token the platform exchanged).
 */
final class ConsentLoad {

    static final int GRANTS_PER_LIKENESS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int likenesses;
    private final Random random = new Random(42);
    /** Group g (likenesses 4g … 4g+3) is granted to members[g % size]. */
    private final List<String> members = people("Member", 40);
    /** Granted nothing. */
    private final List<String> strangers = people("Stranger", 10);
    private final Map<String, String> ids = new HashMap<>();

    ConsentLoad(int likenesses) {
        this.likenesses = likenesses;
    }

    private static List<String> people(String name, int count) {
        return IntStream.range(0, count).mapToObj(i -> Users.create(name)).toList();
    }

    static String likenessId(int n) {
        return "00000000-0000-4000-8000-%012x".formatted(n);
    }

    /** A check body completed by {@code requester}'s proof when it is sent; it proves the body's requester or not. */
    record Check(String requester, String template, boolean proves) {

        String proven(String proof) {
            return template.formatted(proof);
        }
    }

    /** 2,000 checks, each from {@code check} (given its number), for wrk to send in turn. */
    static List<Check> bodies(IntFunction<Check> check) {
        return IntStream.range(0, 2000).mapToObj(check).toList();
    }

    /** The bodies with a proof for each requester issued now, so it outlives a load of a few minutes. */
    static List<String> proven(List<Check> checks) {
        Map<String, String> proofs = new HashMap<>();
        return checks.stream().map(check -> check.proven(proofs.computeIfAbsent(check.requester(), Tokens::freshRequester))).toList();
    }

    Check oneAllowed(int within) {
        int likeness = random.nextInt(within);
        return scene(member(likeness / 4), likeness);
    }

    Check fourAllowed() {
        int group = random.nextInt(likenesses / 4);
        return scene(member(group), group * 4, group * 4 + 1, group * 4 + 2, group * 4 + 3);
    }

    Check oneDenied(int n) {
        return scene(strangers.get(n % strangers.size()), random.nextInt(likenesses));
    }

    Check fourDenied(int n) {
        int first = random.nextInt(likenesses / 4) * 4;
        return scene(strangers.get(n % strangers.size()), first, first + 1, first + 2, first + 3);
    }

    /** One member's check, with another member's proof: verified, then denied before anything is read. */
    Check unproven() {
        int likeness = random.nextInt(likenesses);
        Check own = scene(member(likeness / 4), likeness);
        return new Check(member(likeness / 4 + 1), own.template(), false);
    }

    private String member(int group) {
        return members.get(group % members.size());
    }

    private String id(String person) {
        return ids.computeIfAbsent(person, Users::id);
    }

    private Check scene(String requester, int... likenessIds) {
        String list = String.join("\",\"", Arrays.stream(likenessIds).mapToObj(ConsentLoad::likenessId).toList());
        return new Check(requester, "{\"requesterId\":\"" + id(requester) + "\",\"requesterToken\":\"%s\",\"likenessIds\":[\""
                + list + "\"],\"purpose\":\"draft\"}", true);
    }

    void seedLikenesses() throws SQLException {
        try (Connection database = connect(); Statement sql = database.createStatement()) {
            sql.execute("""
                    INSERT INTO likeness (id, owner_id, status, audience, revision, verified_at, updated_at)
                    SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'seed-owner-' || i, 'VERIFIED',
                           'APPROVED', 1, now(), now()
                    FROM generate_series(0, %d) i ON CONFLICT DO NOTHING""".formatted(likenesses - 1));
            sql.execute("ANALYZE likeness");
        }
    }

    /**
     * Ten grants on each likeness in [from, to): one to the member of group i/4, so one person may
     * feature four likenesses in a row, and nine to people nobody checks for.
     */
    void seedGrants(int from, int to) throws SQLException {
        try (Connection database = connect(); Statement sql = database.createStatement()) {
            sql.execute("""
                    INSERT INTO consent_grant (id, likeness_id, grantee_id, purposes, created_at)
                    SELECT gen_random_uuid(), ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
                           CASE WHEN j = 0 THEN (ARRAY[%s])[(i / 4) %% %d + 1] ELSE 'seed-fan-' || (i * 10 + j) END, 'draft', now()
                    FROM generate_series(%d, %d) i, generate_series(0, %d) j ON CONFLICT DO NOTHING"""
                    .formatted(members.stream().map(m -> "'" + id(m) + "'").collect(Collectors.joining(",")), members.size(),
                            from, to - 1, GRANTS_PER_LIKENESS - 1));
            sql.execute("ANALYZE consent_grant");
        }
    }

    /** A likeness of a real Keycloak user, whose token can change its grants through the API. */
    String seedOwnLikeness(String ownerId) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (Connection database = connect(); PreparedStatement sql = database.prepareStatement("""
                INSERT INTO likeness (id, owner_id, status, audience, revision, verified_at, updated_at)
                VALUES (?::uuid, ?, 'VERIFIED', 'APPROVED', 1, now(), now())""")) {
            sql.setString(1, id);
            sql.setString(2, ownerId);
            sql.executeUpdate();
        }
        return id;
    }

    /**
     * Revocation across instances: per round, grant a person on instance A, see B allow them,
     * revoke on A, then check on B back to back until denied.
     *
     * @param times  ms from the revoke's answer to B's first denial, one per round, sorted
     * @param stale  B's answers "allowed" in that time (its cache had not heard of the revoke yet)
     * @param usable how many of those answers' consent tokens registered a draft: must be none
     */
    record Propagation(double[] times, int stale, int usable) {
    }

    /** The rounds grant and revoke {@code requester} (a person) again and again. */
    static Propagation propagation(String a, String b, String likeness, String requester, int rounds) throws Exception {
        String owner = Tokens.user("alice");
        String requesterId = Users.id(requester);
        String proof = Tokens.freshRequester(requester);
        double[] times = new double[rounds];
        int stale = 0;
        int usable = 0;
        for (int round = 0; round < rounds; round++) {
            String grant = JSON.readTree(send(a + "/v1/likenesses/" + likeness + "/grants", owner, "POST",
                    "{\"granteeId\":\"" + requesterId + "\",\"purposes\":[\"draft\"]}", 201)).path("id").asText();
            String check = "{\"requesterId\":\"" + requesterId + "\",\"requesterToken\":\"" + proof + "\",\"likenessIds\":[\""
                    + likeness + "\"],\"purpose\":\"draft\"}";
            // B may answer from what it read before the last revoke until the grant's notification arrives.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> check(b, check).path("allowed").asBoolean());
            send(a + "/v1/likenesses/" + likeness + "/grants/" + grant, owner, "DELETE", null, 200);
            long answered = System.nanoTime();
            for (JsonNode answer = check(b, check); answer.path("allowed").asBoolean(); answer = check(b, check)) {
                stale++;
                String draft = "{\"draftId\":\"" + UUID.randomUUID() + "\",\"creatorId\":\"" + requesterId + "\",\"creatorToken\":\""
                        + proof + "\",\"likenessIds\":[\"" + likeness + "\"],\"consentToken\":\"" + answer.path("consentToken").asText() + "\"}";
                if (status(b + "/v1/drafts", Tokens.platform(), draft) / 100 == 2) {
                    usable++;
                }
            }
            times[round] = (System.nanoTime() - answered) / 1e6;
        }
        Arrays.sort(times);
        return new Propagation(times, stale, usable);
    }

    private static JsonNode check(String instance, String check) throws Exception {
        return JSON.readTree(send(instance + "/v1/checks", Tokens.platform(), "POST", check, 200));
    }

    private static int status(String url, String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
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
}
