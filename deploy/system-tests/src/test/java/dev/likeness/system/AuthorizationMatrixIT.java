package dev.likeness.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.likeness.captures.Captures;
import dev.likeness.devstack.Service;
import dev.likeness.devstack.testing.Tokens;
import dev.likeness.devstack.testing.Users;
import io.restassured.http.ContentType;

/**
 * Every operation of the three packaged services, called by each kind of caller: one combined
 * authorization matrix. The observed matrix is written to {@code target/authorization-matrix.md}
 * and must equal the committed {@code deploy/authorization-matrix.md} cell for cell, so the
 * document is the expectation and cannot go stale.
 */
@ExtendWith(PackagedServices.class)
class AuthorizationMatrixIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OBSERVED = Path.of("target/authorization-matrix.md");
    private static final String COMMITTED = "deploy/authorization-matrix.md";
    /** Column order of the document. */
    private static final List<Caller> COLUMNS = List.of(Caller.ANONYMOUS, Caller.OWNER, Caller.OTHER, Caller.PLATFORM, Caller.TRUST_SAFETY);
    /** Call order: the owner last, so the owner's changes come after everybody else's refusals. */
    private static final List<Caller> ORDER = List.of(Caller.ANONYMOUS, Caller.OTHER, Caller.PLATFORM, Caller.TRUST_SAFETY, Caller.OWNER);

    /**
     * The operations in the order they run, where order matters: drafts before the grant they use
     * is revoked, the owner's removal request before the platform's removal, the requester's
     * withdrawal before their next request, a webhook's deletion after its other calls, the
     * likeness' deletion and the erasures last of all.
     */
    private static final List<String> RUN_ORDER = List.of(
            "consent GET /v1/me", "consent GET /v1/me/export", "consent POST /v1/checks", "consent POST /v1/drafts", "consent GET /v1/drafts",
            "consent GET /v1/drafts/{draftId}", "consent POST /v1/drafts/{draftId}/publication",
            "consent GET /v1/likenesses/{likenessId}/drafts", "consent POST /v1/likenesses/{likenessId}/drafts/{draftId}/removal-request",
            "consent POST /v1/drafts/{draftId}/removal",
            "consent GET /v1/likenesses", "consent GET /v1/likenesses/{likenessId}", "consent PUT /v1/likenesses/{likenessId}/audience",
            "consent PUT /v1/likenesses/{likenessId}/restrictions", "consent GET /v1/likenesses/{likenessId}/blocks",
            "consent PUT /v1/likenesses/{likenessId}/blocks/{personId}", "consent DELETE /v1/likenesses/{likenessId}/blocks/{personId}",
            "consent POST /v1/likenesses/{likenessId}/grants", "consent GET /v1/likenesses/{likenessId}/grants", "consent GET /v1/grants",
            "consent GET /v1/likenesses/{likenessId}/grants/{grantId}/receipt", "consent DELETE /v1/likenesses/{likenessId}/grants/{grantId}",
            "consent DELETE /v1/likenesses/{likenessId}/grants", "consent GET /v1/likenesses/{likenessId}/access-requests",
            "consent POST /v1/likenesses/{likenessId}/access-requests/{requestId}/approval",
            "consent POST /v1/likenesses/{likenessId}/access-requests/{requestId}/denial", "consent GET /v1/likenesses/{likenessId}/ledger",
            "consent GET /v1/likenesses/{likenessId}/decisions/{requesterId}",
            "consent DELETE /v1/access-requests/{requestId}", "consent POST /v1/access-requests", "consent GET /v1/access-requests",
            "consent PUT /v1/follows/{followerId}/{followeeId}", "consent DELETE /v1/follows/{followerId}/{followeeId}",
            "consent POST /v1/protected-persons", "consent GET /v1/protected-persons", "consent GET /v1/protected-persons/{id}",
            "consent PUT /v1/protected-persons/{id}", "consent DELETE /v1/protected-persons/{id}", "consent GET /.well-known/jwks.json",
            "notification GET /v1/notifications", "notification GET /v1/notifications/unread-count",
            "notification PUT /v1/notifications/{id}/read", "notification DELETE /v1/notifications/{id}/read",
            "notification PUT /v1/notifications/{id}/archived", "notification DELETE /v1/notifications/{id}/archived",
            "notification POST /v1/notifications/read", "notification GET /v1/notifications/stream", "notification GET /v1/preferences",
            "notification PUT /v1/preferences/{type}", "notification POST /v1/webhooks", "notification GET /v1/webhooks",
            "notification GET /v1/webhooks/{id}", "notification PUT /v1/webhooks/{id}", "notification POST /v1/webhooks/{id}/secret",
            "notification GET /v1/webhooks/{id}/deliveries", "notification POST /v1/webhooks/{id}/deliveries/{deliveryId}/retry",
            "notification DELETE /v1/webhooks/{id}", "notification GET /v1/me/export",
            "identity POST /v1/enrolments", "identity GET /v1/enrolments/{enrolmentId}",
            "identity POST /v1/enrolments/{enrolmentId}/liveness-session",
            "identity POST /v1/enrolments/{enrolmentId}/liveness-session/result", "identity PUT /v1/enrolments/{enrolmentId}/capture",
            "identity GET /v1/likenesses", "identity GET /v1/likenesses/{likenessId}", "identity GET /v1/likenesses/{likenessId}/reference-image",
            "identity POST /v1/likenesses/{likenessId}/suspension", "identity DELETE /v1/likenesses/{likenessId}/suspension",
            "identity GET /v1/me/export", "identity DELETE /v1/likenesses/{likenessId}",
            "identity POST /v1/persons/{personId}/erasure", "identity GET /v1/erasures/{erasureId}", "identity POST /v1/me/erasure");

    /** One cell: the status, and for a refusal other than 401/403/404 its problem code. */
    private record Cell(int status, String code) {
        @Override
        public String toString() {
            return code == null ? Integer.toString(status) : status + " " + code;
        }
    }

    @Test
    void everyOperationAnswersEachCallerAsTheCommittedMatrixSays() throws IOException {
        World world = World.seed();
        Enrollee enrollee = new Enrollee();
        Map<String, OpenApi.Operation> documented = new LinkedHashMap<>();
        for (Service service : Service.BACKENDS) {
            OpenApi.operations(service, PackagedServices.url(service)).forEach(o -> documented.put(o.key(), o));
        }
        assertEquals(new TreeSet<>(documented.keySet()), new TreeSet<>(RUN_ORDER), "every documented operation is in RUN_ORDER, once");

        Map<OpenApi.Operation, Map<Caller, Cell>> matrix = new LinkedHashMap<>();
        List<String> notProblems = new ArrayList<>();
        for (String key : RUN_ORDER) {
            OpenApi.Operation operation = documented.get(key);
            Map<Caller, Cell> row = new EnumMap<>(Caller.class);
            for (Caller caller : ORDER) {
                Http.Answer answer = request(operation, caller, world, enrollee).send();
                row.put(caller, cell(answer));
                if (answer.status() >= 400 && !answer.contentType().startsWith("application/problem+json")) {
                    notProblems.add(key + " as " + caller + ": " + answer.status() + " " + answer.contentType());
                }
            }
            matrix.put(operation, row);
        }
        String observed = document(matrix);
        Files.createDirectories(OBSERVED.getParent());
        Files.writeString(OBSERVED, observed);
        assertEquals(List.of(), notProblems, "refusals that are not problem+json");
        Path committed = Path.of(System.getProperty("likeness.repository")).resolve(COMMITTED);
        assertEquals(Files.exists(committed) ? Files.readString(committed) : "", observed,
                "the services answered otherwise than " + COMMITTED + " says; if the change is intended, copy "
                        + OBSERVED.toAbsolutePath() + " over it");
    }

    /** A person enrolling (no likeness yet): the owner of the enrolment rows, whose capture verifies. */
    private static final class Enrollee {
        final String username = Users.create("Enrollee");
        final World.Enrolment enrolment = World.start(username);
    }

    /**
     * The operation's valid request as this caller makes it. Where the seeded data would not
     * show the caller's right (a request already decided, a likeness already deleted), the row
     * gets data of its own.
     */
    private static Http.Request request(OpenApi.Operation operation, Caller caller, World world, Enrollee enrollee) {
        ValidRequests.Valid valid = ValidRequests.of(operation, world);
        Map<String, String> ids = new LinkedHashMap<>();
        operation.in("path").forEach(parameter -> ids.put(parameter.name(), world.id(operation.path(), parameter.name())));
        String token = caller.token(world);
        byte[] body = valid.body();
        String contentType = valid.contentType();
        Map<String, String> headers = new LinkedHashMap<>(valid.headers());
        switch (operation.key()) {
            case "consent POST /v1/likenesses/{likenessId}/access-requests/{requestId}/approval",
                 "consent POST /v1/likenesses/{likenessId}/access-requests/{requestId}/denial" ->
                    ids.put("requestId", freshAccessRequest(world)); // each caller faces a pending request
            case "identity POST /v1/enrolments", "identity GET /v1/enrolments/{enrolmentId}",
                 "identity POST /v1/enrolments/{enrolmentId}/liveness-session",
                 "identity POST /v1/enrolments/{enrolmentId}/liveness-session/result" -> {
                ids.put("enrolmentId", enrollee.enrolment.id());
                headers.put("Likeness-Challenge-Nonce", enrollee.enrolment.nonce());
                token = caller == Caller.OWNER ? Tokens.user(enrollee.username) : token;
            }
            case "identity PUT /v1/enrolments/{enrolmentId}/capture" -> {
                ids.put("enrolmentId", enrollee.enrolment.id());
                headers.put("Likeness-Challenge-Nonce", enrollee.enrolment.nonce());
                if (caller == Caller.OWNER) {
                    token = Tokens.user(enrollee.username);
                    body = Captures.record(Captures.Container.MP4, Captures.live(enrollee.enrolment.digits(), enrollee.enrolment.moves()),
                            52_001L); // fixed seed: a run replays
                }
            }
            case "identity DELETE /v1/likenesses/{likenessId}" -> {
                if (caller == Caller.TRUST_SAFETY) {
                    ids.put("likenessId", likenessOf(enrollee.username)); // so the owner still finds their own to delete
                }
            }
            case "identity POST /v1/me/erasure" -> {
                if (caller == Caller.OWNER || caller == Caller.OTHER) {
                    token = Tokens.user(Users.create("Leaver")); // a person of their own: the world's people stay
                }
            }
            default -> { }
        }
        Http.Request request = Http.request(operation.method(), PackagedServices.url(operation.service()) + Corpus.fill(operation.path(), ids))
                .bearer(token);
        headers.forEach(request::header);
        if (body != null) {
            request.body(contentType, body);
        }
        return request;
    }

    private static String freshAccessRequest(World world) {
        String requester = Users.create("Requester");
        return World.as(requester, Service.CONSENT).contentType(ContentType.JSON)
                .body("{\"likenessId\":\"" + world.likeness + "\",\"purposes\":[\"draft\"]}").post("/v1/access-requests")
                .then().statusCode(201).extract().path("id");
    }

    private static String likenessOf(String person) {
        return given().baseUri(PackagedServices.url(Service.IDENTITY)).auth().oauth2(Tokens.user(person)).get("/v1/likenesses")
                .then().statusCode(200).extract().path("[0].id");
    }

    private static Cell cell(Http.Answer answer) {
        int status = answer.status();
        if (status < 400 || Set.of(401, 403, 404).contains(status)) {
            return new Cell(status, null);
        }
        try {
            return new Cell(status, JSON.readTree(answer.body()).path("code").asText(null));
        } catch (IOException e) {
            return new Cell(status, null);
        }
    }

    private static String document(Map<OpenApi.Operation, Map<Caller, Cell>> matrix) {
        StringBuilder doc = new StringBuilder("""
                # Authorization matrix

                What every operation of the three services answers each kind of caller, observed by
                `AuthorizationMatrixIT` (deploy/system-tests) against the packaged services with real Keycloak
                tokens. The test fails when the services answer otherwise than this file says, so it is never
                stale; after an intended change, copy `deploy/system-tests/target/authorization-matrix.md` here.

                Callers: **anonymous** (no token); **owner** of the resource in the path (the likeness' owner,
                the enrolling person for `/v1/enrolments…`, the recipient of notifications, the owner of a
                webhook; for `/v1/access-requests/{requestId}` the likeness' owner, not the requester); **other**,
                another person with role `user` (who is the requester of the access request withdrawn, and a
                stranger to everything else); **platform**, a video platform's service account; **trust-safety**
                (role `trust-safety` only). 404 hides whether a resource exists; 401, 403 and 404 are shown
                bare, other refusals with their problem `code`. Every refusal is `application/problem+json`.

                Where a caller's answer depends on the data, the test gives each caller the same situation: a
                pending access request each for approval and denial; for `DELETE /v1/likenesses/{likenessId}` at
                identity-service, trust-safety deletes another person's likeness so the owner still has theirs;
                for `POST /v1/me/erasure`, owner and other are each a person of their own, who is erased, and
                `POST /v1/persons/{personId}/erasure` names a person nobody else in the test is.

                | service | operation | anonymous | owner | other | platform | trust-safety |
                | --- | --- | --- | --- | --- | --- | --- |
                """);
        matrix.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<OpenApi.Operation, Map<Caller, Cell>> e) -> e.getKey().service())
                        .thenComparing(e -> e.getKey().path()).thenComparing(e -> e.getKey().method()))
                .forEach(e -> {
                    doc.append("| ").append(e.getKey().service().module).append(" | `").append(e.getKey().method()).append(' ')
                            .append(e.getKey().path()).append("` |");
                    COLUMNS.forEach(caller -> doc.append(' ').append(e.getValue().get(caller)).append(" |"));
                    doc.append('\n');
                });
        return doc.toString();
    }
}
