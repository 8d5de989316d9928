package dev.likeness.consent.check;

import java.util.Set;
import java.util.UUID;

import dev.likeness.consent.likeness.ContentTag;

/**
 * The decider's answer for one likeness, with the precise reason. Never answered as is: a
 * platform reads it as a {@link PublicDecision}, the owner as a {@link DecisionPreview}.
 *
 * @param forbiddenTags with {@link Reason#RESTRICTED_CONTENT}: the declared tags the owner forbids
 * @param grantId       the grant that admits the requester, if one does (a draft consumes its use)
 */
public record Decision(UUID likenessId, boolean allowed, Reason reason, long revision, Set<ContentTag> forbiddenTags,
                       UUID grantId) {

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
