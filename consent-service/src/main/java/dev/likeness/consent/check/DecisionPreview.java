package dev.likeness.consent.check;

import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.consent.likeness.ContentTag;

/** What the owner sees of a decision on their likeness: the precise reason, and what platforms are told instead. */
@Schema(name = "DecisionPreview")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionPreview(
        UUID likenessId,
        boolean allowed,
        @Schema(description = "Why not, precisely, when not allowed; only the owner is told") Reason reason,
        @Schema(description = "What a platform's check is told instead") DenialReason platformReason,
        @Schema(description = "The likeness' revision the decision was made on") long revision,
        @Schema(description = "With restricted-content: the declared tags the owner forbids") Set<ContentTag> forbiddenTags) {

    static DecisionPreview of(Decision decision) {
        return new DecisionPreview(decision.likenessId(), decision.allowed(), decision.reason(),
                decision.reason() == null ? null : decision.reason().denial(), decision.revision(), decision.forbiddenTags());
    }
}
