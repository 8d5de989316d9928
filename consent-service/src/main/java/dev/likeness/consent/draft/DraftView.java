package dev.likeness.consent.draft;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.consent.purpose.Purpose;

@Schema(name = "Draft")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DraftView(UUID id, @Schema(description = "The platform's id of the draft") String draftId, String platformId,
                        String creatorId, Purpose purpose, List<UUID> likenessIds, Draft.Status status,
                        OffsetDateTime createdAt, OffsetDateTime publishedAt, OffsetDateTime removedAt,
                        @Schema(description = "Featured owners who asked for removal") List<RemovalRequest> removalRequests) {

    @Schema(name = "RemovalRequest")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RemovalRequest(UUID likenessId, OffsetDateTime requestedAt, String reason) {
    }

    public static DraftView of(Registered registered) {
        Draft draft = registered.draft();
        List<DraftLikeness> featured = registered.featured();
        return new DraftView(draft.id, draft.externalId, draft.platformId, draft.creatorId, draft.purpose,
                featured.stream().map(f -> f.likenessId).toList(), draft.status, draft.createdAt, draft.publishedAt,
                draft.removedAt, featured.stream().filter(f -> f.removalRequestedAt != null)
                        .map(f -> new RemovalRequest(f.likenessId, f.removalRequestedAt, f.removalReason)).toList());
    }

    @Schema(name = "DraftPage", description = "Newest first; pass nextCursor as cursor for the next page")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page(List<DraftView> drafts, String nextCursor) {

        static Page of(DraftReads.Page page) {
            return new Page(page.drafts().stream().map(DraftView::of).toList(), page.nextCursor());
        }
    }
}
