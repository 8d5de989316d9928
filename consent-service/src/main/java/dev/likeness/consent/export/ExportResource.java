package dev.likeness.consent.export;

import java.time.Clock;
import java.time.OffsetDateTime;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.likeness.consent.access.AccessRequest;
import dev.likeness.consent.access.AccessRequestView;
import dev.likeness.consent.draft.DraftReads;
import dev.likeness.consent.draft.DraftView;
import dev.likeness.consent.draft.Registered;
import dev.likeness.consent.export.ExportRecord.Section;
import dev.likeness.consent.follow.FollowView;
import dev.likeness.consent.grant.Grant;
import dev.likeness.consent.grant.GrantView;
import dev.likeness.consent.grant.Receipt;
import dev.likeness.consent.likeness.Block;
import dev.likeness.consent.likeness.BlockView;
import dev.likeness.consent.likeness.LedgerView;
import dev.likeness.consent.likeness.Likeness;
import dev.likeness.consent.likeness.LikenessView;
import dev.likeness.consent.protect.ProtectedPerson;
import dev.likeness.consent.protect.ProtectedPersonView;
import dev.likeness.consent.token.ConsentTokenConfig;
import dev.likeness.kit.export.Exports;
import dev.likeness.kit.http.Roles;
import dev.likeness.kit.paging.PageCursor;
import io.smallrye.mutiny.Multi;

/** A person's copy of everything consent-service holds about them (GDPR Art. 15 and 20). */
@Path("/v1/me/export")
@Tag(name = "Your data")
public class ExportResource {

    @Inject ExportReads reads;
    @Inject Exports exports;
    @Inject JsonWebToken caller;
    @Inject ConsentTokenConfig tokens;
    @Inject Clock clock;

    @GET
    @RolesAllowed(Roles.USER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exportMyData", summary = "Everything this service holds about the caller, as a JSON array of records",
            description = "Streamed a page at a time: the first record is about, then the caller's likenesses and, per likeness, "
                    + "the grants given with their receipts, the access requests received, the blocks, the drafts featuring it "
                    + "and its ledger; then the grants held, the requests sent, the follows, the drafts made and any "
                    + "protected-persons entry naming the caller. Not a snapshot: each page is read when the client is ready "
                    + "for it. A document cut short (no closing bracket) failed and is to be asked for again.")
    @APIResponse(responseCode = "200", description = "The caller's records, streamed",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ExportRecord.class)))
    @APIResponse(responseCode = "409", description = "An export of yours is still being sent (export-running)")
    public Multi<ExportRecord> export() {
        String me = caller.getSubject();
        OffsetDateTime now = OffsetDateTime.now(clock);
        return exports.stream(me, about -> ExportRecord.of(Section.ABOUT, about), Multi.createBy().concatenating().streams(
                Multi.createFrom().uni(reads.likenesses(me)).onItem().transformToMultiAndConcatenate(owned -> Multi.createFrom()
                        .iterable(owned).onItem().transformToMultiAndConcatenate(likeness -> ofLikeness(likeness, now))),
                Exports.<Grant, PageCursor>paged(after -> reads.newest(Grant.class, "granteeId = ?1", me, "id", after), ExportResource::at)
                        .map(grant -> ExportRecord.of(Section.GRANT_HELD, GrantView.of(grant, now))),
                Exports.<AccessRequest, PageCursor>paged(after -> reads.newest(AccessRequest.class, "requesterId = ?1", me, "id", after),
                        request -> new PageCursor(request.createdAt, request.id))
                        .map(request -> ExportRecord.of(Section.ACCESS_REQUEST_SENT, AccessRequestView.of(request))),
                follows("follower", me),
                follows("followee", me),
                Exports.paged(after -> reads.draftsCreatedBy(me, after),
                                (Registered draft) -> new PageCursor(draft.draft().createdAt, draft.draft().id))
                        .map(draft -> ExportRecord.of(Section.DRAFT_CREATED, DraftView.of(draft))),
                Multi.createFrom().uni(reads.protectedAs(me)).onItem().<ProtectedPerson>disjoint()
                        .map(entry -> ExportRecord.of(Section.PROTECTED_PERSON, ProtectedPersonView.of(entry)))));
    }

    /** The likeness, then what is kept per likeness. */
    private Multi<ExportRecord> ofLikeness(Likeness likeness, OffsetDateTime now) {
        return Multi.createBy().concatenating().streams(
                Multi.createFrom().item(ExportRecord.of(Section.LIKENESS, likeness.id, LikenessView.of(likeness))),
                Exports.<Grant, PageCursor>paged(after -> reads.newest(Grant.class, "likenessId = ?1", likeness.id, "id", after),
                                ExportResource::at)
                        .onItem().transformToMultiAndConcatenate(grant -> Multi.createFrom().items(
                                ExportRecord.of(Section.GRANT_GIVEN, likeness.id, GrantView.of(grant, now)),
                                ExportRecord.of(Section.RECEIPT, likeness.id, Receipt.of(grant, likeness, tokens.issuer(), now)))),
                Exports.<AccessRequest, PageCursor>paged(after -> reads.newest(AccessRequest.class, "likenessId = ?1", likeness.id, "id", after),
                                request -> new PageCursor(request.createdAt, request.id))
                        .map(request -> ExportRecord.of(Section.ACCESS_REQUEST_RECEIVED, likeness.id, AccessRequestView.of(request))),
                Exports.<Block, PageCursor>paged(after -> reads.newest(Block.class, "likenessId = ?1", likeness.id, "blockedId", after),
                                block -> new PageCursor(block.createdAt, block.blockedId))
                        .map(block -> ExportRecord.of(Section.BLOCK, likeness.id, BlockView.of(block))),
                Exports.<Registered, PageCursor>paged(after -> reads.draftsFeaturing(likeness.id, after),
                                draft -> DraftReads.featuredAt(draft, likeness.id))
                        .map(draft -> ExportRecord.of(Section.DRAFT_FEATURING_ME, likeness.id, DraftView.of(draft))),
                Exports.paged((Long before) -> reads.ledger(likeness, before), readable -> readable.entry().seq)
                        .map(entry -> ExportRecord.of(Section.LEDGER_ENTRY, likeness.id, LedgerView.Entry.of(entry))));
    }

    private Multi<ExportRecord> follows(String side, String me) {
        return Exports.paged((ExportReads.FollowKey after) -> reads.follows(side, me, after),
                        follow -> new ExportReads.FollowKey(follow.platformId, side.equals("follower") ? follow.followeeId : follow.followerId))
                .map(follow -> ExportRecord.of(Section.FOLLOW, FollowView.of(follow)));
    }

    private static PageCursor at(Grant grant) {
        return new PageCursor(grant.createdAt, grant.id);
    }
}
