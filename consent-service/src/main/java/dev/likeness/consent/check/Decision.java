package dev.likeness.consent.check;

import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.consent.likeness.ContentTag;

/** The answer for one likeness of a check. */
@Schema(name = "Decision")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Decision(
        UUID likenessId,
        boolean allowed,
        @Schema(description = "Why not, when not allowed") Reason reason,
        @Schema(description = "The likeness' revision the decision was made on") long revision,
        @Schema(description = "With restricted-content: the declared tags the owner forbids") Set<ContentTag> forbiddenTags,
        @JsonIgnore UUID grantId) {

    static Decision allow(UUID likenessId, long revision, UUID grantId) {
        return new Decision(likenessId, true, null, revision, null, grantId);
    }

    static Decision deny(UUID likenessId, long revision, Reason reason) {
        return new Decision(likenessId, false, reason, revision, null, null);
    }

    static Decision restricted(UUID likenessId, long revision, Set<ContentTag> conflicts) {
        return new Decision(likenessId, false, Reason.RESTRICTED_CONTENT, revision, conflicts, null);
    }
}
