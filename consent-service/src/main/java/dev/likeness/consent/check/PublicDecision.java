package dev.likeness.consent.check;

import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.likeness.consent.likeness.ContentTag;

/** The answer for one likeness of a check, as any platform may read it: the reason only as far as it can act on it. */
@Schema(name = "Decision")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublicDecision(
        UUID likenessId,
        boolean allowed,
        @Schema(description = """
                Why not, when not allowed: not-permitted (the likeness does not allow this requester for this purpose; \
                why is for its owner only), unknown-likeness, restricted-content (drop the tags in forbiddenTags) or \
                revision-not-reached; requester-unproven (requesterToken is not the requester's token issued to this \
                platform's client)""") DenialReason reason,
        @Schema(description = "The likeness' revision the decision was made on; absent when it was not read (requester-unproven)")
        Long revision,
        @Schema(description = "With restricted-content: the declared tags the owner forbids") Set<ContentTag> forbiddenTags) {

    static PublicDecision unproven(UUID likenessId) {
        return new PublicDecision(likenessId, false, DenialReason.REQUESTER_UNPROVEN, null, null);
    }

    static PublicDecision of(Decision decision) {
        return new PublicDecision(decision.likenessId(), decision.allowed(),
                decision.reason() == null ? null : decision.reason().denial(), decision.revision(), decision.forbiddenTags());
    }
}
