package dev.likeness.consent.draft;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.consent.grant.Purpose;

@Schema(name = "Draft")
public record DraftView(UUID id, @Schema(description = "The platform's id of the draft") String draftId, String platformId,
                        String creatorId, Purpose purpose, List<UUID> likenessIds, Draft.Status status,
                        OffsetDateTime createdAt) {

    static DraftView of(Draft draft, List<DraftLikeness> featured) {
        return new DraftView(draft.id, draft.externalId, draft.platformId, draft.creatorId, draft.purpose,
                featured.stream().map(f -> f.likenessId).toList(), draft.status, draft.createdAt);
    }
}
