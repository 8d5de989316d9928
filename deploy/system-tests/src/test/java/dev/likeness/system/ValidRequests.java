package dev.likeness.system;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * For every documented operation, a request it accepts: the caller allowed to make it and the
 * body and headers it takes, on the seeded ids. Bad-input cases change one thing of it, so the
 * input, not the caller, is what is wrong. An operation missing here fails the suite.
 */
final class ValidRequests {

    /** A fake MP4 (an ftyp box and nothing playable): enough for a refusal that happens before verification. */
    static final byte[] MP4_HEAD = "\0\0\0\u0018ftypisom\0\0\u0002\0isomiso2".getBytes(StandardCharsets.ISO_8859_1);

    record Valid(Caller caller, String contentType, byte[] body, Map<String, String> headers) {

        static Valid of(Caller caller) {
            return new Valid(caller, null, null, Map.of());
        }

        static Valid json(Caller caller, String json) {
            return new Valid(caller, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        String json() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private ValidRequests() {
    }

    static Valid of(OpenApi.Operation operation, World world) {
        Map<String, String> nonce = Map.of("Likeness-Challenge-Nonce", world.open.nonce());
        String key = operation.service().database + " " + operation.method() + " " + operation.path();
        return switch (key) {
            case "identity POST /v1/enrolments", "identity GET /v1/enrolments/{enrolmentId}", "identity GET /v1/likenesses",
                 "identity GET /v1/likenesses/{likenessId}", "identity GET /v1/likenesses/{likenessId}/reference-image",
                 "identity DELETE /v1/likenesses/{likenessId}", "identity GET /v1/me/export" -> Valid.of(Caller.OWNER);
            case "identity PUT /v1/enrolments/{enrolmentId}/capture" -> new Valid(Caller.OWNER, "video/mp4", MP4_HEAD, nonce);
            case "identity POST /v1/enrolments/{enrolmentId}/liveness-session",
                 "identity POST /v1/enrolments/{enrolmentId}/liveness-session/result" -> new Valid(Caller.OWNER, null, null, nonce);
            case "identity POST /v1/likenesses/{likenessId}/suspension" ->
                    Valid.json(Caller.TRUST_SAFETY, "{\"reason\":\"Reported as an impersonation\"}");
            case "identity DELETE /v1/likenesses/{likenessId}/suspension" -> Valid.of(Caller.TRUST_SAFETY);
            case "identity POST /v1/me/erasure" -> Valid.of(Caller.OWNER);
            case "identity POST /v1/persons/{personId}/erasure" -> Valid.json(Caller.TRUST_SAFETY, "{\"reason\":\"The person asked by letter\"}");
            case "identity GET /v1/erasures/{erasureId}" -> Valid.of(Caller.TRUST_SAFETY);

            case "consent GET /v1/me", "consent GET /v1/me/export", "consent GET /v1/likenesses", "consent GET /v1/likenesses/{likenessId}",
                 "consent GET /v1/likenesses/{likenessId}/blocks", "consent PUT /v1/likenesses/{likenessId}/blocks/{personId}",
                 "consent DELETE /v1/likenesses/{likenessId}/blocks/{personId}", "consent GET /v1/likenesses/{likenessId}/grants",
                 "consent DELETE /v1/likenesses/{likenessId}/grants", "consent GET /v1/likenesses/{likenessId}/grants/{grantId}/receipt",
                 "consent DELETE /v1/likenesses/{likenessId}/grants/{grantId}", "consent GET /v1/likenesses/{likenessId}/access-requests",
                 "consent POST /v1/likenesses/{likenessId}/access-requests/{requestId}/denial",
                 "consent GET /v1/likenesses/{likenessId}/drafts", "consent GET /v1/likenesses/{likenessId}/ledger",
                 "consent GET /v1/likenesses/{likenessId}/decisions/{requesterId}" -> Valid.of(Caller.OWNER);
            case "consent PUT /v1/likenesses/{likenessId}/audience" -> Valid.json(Caller.OWNER, "{\"audience\":\"EVERYONE\"}");
            case "consent PUT /v1/likenesses/{likenessId}/restrictions" ->
                    Valid.json(Caller.OWNER, "{\"forbiddenTags\":[\"political\"],\"guidelines\":\"No glasses.\"}");
            case "consent POST /v1/likenesses/{likenessId}/grants" ->
                    Valid.json(Caller.OWNER, "{\"granteeId\":\"" + world.otherId() + "\",\"purposes\":[\"draft\"],\"maxUses\":3}");
            case "consent POST /v1/likenesses/{likenessId}/access-requests/{requestId}/approval" ->
                    Valid.json(Caller.OWNER, "{\"purposes\":[\"draft\"],\"maxUses\":1}");
            case "consent POST /v1/likenesses/{likenessId}/drafts/{draftId}/removal-request" ->
                    Valid.json(Caller.OWNER, "{\"reason\":\"Not me\"}");
            case "consent POST /v1/access-requests" ->
                    Valid.json(Caller.OTHER, "{\"likenessId\":\"" + world.likeness + "\",\"purposes\":[\"publish\"],\"message\":\"Please\"}");
            case "consent GET /v1/access-requests", "consent DELETE /v1/access-requests/{requestId}" -> Valid.of(Caller.OTHER);
            case "consent GET /v1/grants" -> Valid.of(Caller.OTHER);
            case "consent POST /v1/checks" -> Valid.json(Caller.PLATFORM, "{" + world.requesterFields() + ",\"likenessIds\":[\""
                    + world.likeness + "\"],\"purpose\":\"draft\",\"contentTags\":[\"violence\"],\"mentionedNames\":[\"Someone\"]}");
            case "consent POST /v1/drafts" -> Valid.json(Caller.PLATFORM, world.draftBody());
            case "consent POST /v1/drafts/{draftId}/publication" ->
                    Valid.json(Caller.PLATFORM, "{\"consentToken\":\"" + world.consentToken("publish") + "\"}");
            case "consent GET /v1/drafts", "consent GET /v1/drafts/{draftId}", "consent POST /v1/drafts/{draftId}/removal",
                 "consent PUT /v1/follows/{followerId}/{followeeId}", "consent DELETE /v1/follows/{followerId}/{followeeId}" ->
                    Valid.of(Caller.PLATFORM);
            case "consent POST /v1/protected-persons", "consent PUT /v1/protected-persons/{id}" -> Valid.json(Caller.TRUST_SAFETY,
                    "{\"name\":\"Valid Person\",\"aliases\":[\"V. Person\"],\"kind\":\"PUBLIC_FIGURE\",\"subjectId\":\"" + world.otherId()
                            + "\",\"note\":\"n\"}");
            case "consent GET /v1/protected-persons", "consent GET /v1/protected-persons/{id}", "consent DELETE /v1/protected-persons/{id}" ->
                    Valid.of(Caller.TRUST_SAFETY);
            case "consent GET /.well-known/jwks.json" -> Valid.of(Caller.ANONYMOUS);

            case "notification GET /v1/notifications", "notification GET /v1/notifications/unread-count",
                 "notification POST /v1/notifications/read", "notification PUT /v1/notifications/{id}/read",
                 "notification DELETE /v1/notifications/{id}/read", "notification PUT /v1/notifications/{id}/archived",
                 "notification DELETE /v1/notifications/{id}/archived", "notification GET /v1/notifications/stream",
                 "notification GET /v1/preferences", "notification GET /v1/webhooks", "notification GET /v1/webhooks/{id}",
                 "notification DELETE /v1/webhooks/{id}", "notification POST /v1/webhooks/{id}/secret",
                 "notification GET /v1/webhooks/{id}/deliveries", "notification POST /v1/webhooks/{id}/deliveries/{deliveryId}/retry",
                 "notification GET /v1/me/export" ->
                    Valid.of(Caller.OWNER);
            case "notification PUT /v1/preferences/{type}" -> Valid.json(Caller.OWNER, "{\"inbox\":false,\"stream\":true,\"webhook\":false}");
            // access.denied never reaches the matrix's callers: the endpoints it creates have nothing to deliver (no retries left running).
            case "notification POST /v1/webhooks", "notification PUT /v1/webhooks/{id}" -> Valid.json(Caller.OWNER,
                    "{\"url\":\"http://127.0.0.1:9/hook\",\"description\":\"d\",\"eventTypes\":[\"access.denied\"],\"language\":\"fr\",\"enabled\":true}");
            default -> throw new IllegalStateException("no valid request for " + key + ": add one to ValidRequests");
        };
    }
}
