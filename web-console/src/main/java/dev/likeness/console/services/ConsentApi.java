package dev.likeness.console.services;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.token.propagation.common.AccessToken;

/** consent-service, called with the signed-in person's access token. */
@RegisterRestClient(configKey = "consent")
@RegisterProvider(ProblemResponses.class)
@AccessToken
@Path("/v1")
public interface ConsentApi {

    record Likeness(UUID id, String ownerId, String status, String audience, long revision, OffsetDateTime verifiedAt,
                    Set<String> forbiddenTags, String guidelines) {
    }

    record AudienceChange(String audience) {
    }

    record Restrictions(Set<String> forbiddenTags, String guidelines) {
    }

    record Grant(UUID id, UUID likenessId, String granteeId, Set<String> purposes, OffsetDateTime expiresAt,
                 Integer maxUses, int uses, String status, OffsetDateTime createdAt, OffsetDateTime revokedAt) {

        public Integer usesLeft() {
            return maxUses == null ? null : Math.max(0, maxUses - uses);
        }
    }

    record HeldGrant(UUID id, UUID likenessId, String ownerId, String likenessStatus, Set<String> purposes,
                     OffsetDateTime expiresAt, Integer maxUses, int uses, OffsetDateTime createdAt) {

        public Integer usesLeft() {
            return maxUses == null ? null : Math.max(0, maxUses - uses);
        }
    }

    record HeldGrantPage(List<HeldGrant> grants, String nextCursor) {
    }

    record NewGrant(String granteeId, Set<String> purposes, OffsetDateTime expiresAt, Integer maxUses) {
    }

    record RevokedCount(int revoked) {
    }

    record Block(String personId, OffsetDateTime createdAt) {
    }

    record AccessRequest(UUID id, UUID likenessId, String requesterId, Set<String> purposes, String message,
                         String status, OffsetDateTime createdAt, OffsetDateTime decidedAt, UUID grantId) {
    }

    record NewAccessRequest(UUID likenessId, Set<String> purposes, String message) {
    }

    record Approval(Set<String> purposes, OffsetDateTime expiresAt, Integer maxUses) {
    }

    record RemovalRequest(UUID likenessId, OffsetDateTime requestedAt, String reason) {
    }

    record Draft(UUID id, String draftId, String platformId, String creatorId, String purpose, List<UUID> likenessIds,
                 String status, OffsetDateTime createdAt, OffsetDateTime publishedAt, OffsetDateTime removedAt,
                 List<RemovalRequest> removalRequests) {
    }

    record DraftPage(List<Draft> drafts, String nextCursor) {
    }

    record RemovalReason(String reason) {
    }

    record LedgerEntry(long seq, String type, OffsetDateTime occurredAt, String actor, JsonNode data, String prevHash,
                       String hash) {
    }

    record Verification(boolean valid, long entries, String head, Long brokenAt, String problem) {
    }

    record Ledger(UUID likenessId, List<LedgerEntry> entries, Verification verification) {
    }

    record ProtectedPerson(UUID id, String name, List<String> aliases, String kind, String subjectId, String note,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    record NewProtectedPerson(String name, List<String> aliases, String kind, String subjectId, String note) {
    }

    @GET
    @Path("likenesses")
    List<Likeness> likenesses();

    @GET
    @Path("likenesses/{id}")
    Likeness likeness(@PathParam("id") UUID id);

    @PUT
    @Path("likenesses/{id}/audience")
    Likeness setAudience(@PathParam("id") UUID id, AudienceChange change);

    @PUT
    @Path("likenesses/{id}/restrictions")
    Likeness setRestrictions(@PathParam("id") UUID id, Restrictions restrictions);

    @GET
    @Path("likenesses/{id}/grants")
    List<Grant> grants(@PathParam("id") UUID id);

    @POST
    @Path("likenesses/{id}/grants")
    Grant grant(@PathParam("id") UUID id, NewGrant grant);

    @DELETE
    @Path("likenesses/{id}/grants/{grantId}")
    Grant revoke(@PathParam("id") UUID id, @PathParam("grantId") UUID grantId);

    @DELETE
    @Path("likenesses/{id}/grants")
    RevokedCount revokeAll(@PathParam("id") UUID id);

    @GET
    @Path("likenesses/{id}/grants/{grantId}/receipt")
    JsonNode receipt(@PathParam("id") UUID id, @PathParam("grantId") UUID grantId);

    @GET
    @Path("likenesses/{id}/blocks")
    List<Block> blocks(@PathParam("id") UUID id);

    @PUT
    @Path("likenesses/{id}/blocks/{personId}")
    Block block(@PathParam("id") UUID id, @PathParam("personId") String personId);

    @DELETE
    @Path("likenesses/{id}/blocks/{personId}")
    void unblock(@PathParam("id") UUID id, @PathParam("personId") String personId);

    @GET
    @Path("likenesses/{id}/access-requests")
    List<AccessRequest> accessRequestsTo(@PathParam("id") UUID id, @QueryParam("status") String status);

    @POST
    @Path("likenesses/{id}/access-requests/{requestId}/approval")
    Grant approve(@PathParam("id") UUID id, @PathParam("requestId") UUID requestId, Approval approval);

    @POST
    @Path("likenesses/{id}/access-requests/{requestId}/denial")
    AccessRequest deny(@PathParam("id") UUID id, @PathParam("requestId") UUID requestId);

    @GET
    @Path("likenesses/{id}/drafts")
    DraftPage draftsFeaturing(@PathParam("id") UUID id, @QueryParam("cursor") String cursor, @QueryParam("limit") int limit);

    @POST
    @Path("likenesses/{id}/drafts/{draftId}/removal-request")
    void askRemoval(@PathParam("id") UUID id, @PathParam("draftId") UUID draftId, RemovalReason reason);

    @GET
    @Path("likenesses/{id}/ledger")
    Ledger ledger(@PathParam("id") UUID id);

    @GET
    @Path("grants")
    HeldGrantPage grantsHeld(@QueryParam("cursor") String cursor, @QueryParam("limit") int limit);

    @POST
    @Path("access-requests")
    AccessRequest askAccess(NewAccessRequest request);

    @GET
    @Path("access-requests")
    List<AccessRequest> myAccessRequests();

    @DELETE
    @Path("access-requests/{id}")
    void withdraw(@PathParam("id") UUID id);

    @GET
    @Path("protected-persons")
    List<ProtectedPerson> protectedPersons(@QueryParam("q") String query, @QueryParam("limit") int limit);

    @POST
    @Path("protected-persons")
    ProtectedPerson protect(NewProtectedPerson person);

    @DELETE
    @Path("protected-persons/{id}")
    void unprotect(@PathParam("id") UUID id);
}
