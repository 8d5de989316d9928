package dev.likeness.consent.check;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.likeness.consent.grant.Grant;
import dev.likeness.consent.likeness.ContentTag;
import dev.likeness.consent.likeness.Likeness;
import dev.likeness.consent.purpose.Purpose;

/**
 * Whether a person may feature one likeness for a purpose and content. The owner always may a
 * verified likeness of their own. Anybody else: not if blocked; then the audience admits them
 * (EVERYONE; MUTUALS by a mutual follow; APPROVED and MUTUALS by a grant, for its purposes);
 * then no declared content tag may be one the owner forbids.
 */
public final class ConsentDecider {

    /** What is asked: by whom, for what, showing what. */
    public record Ask(String requesterId, Purpose purpose, Set<ContentTag> contentTags) {
    }

    /**
     * What is known of the requester and this likeness.
     *
     * @param grants  the requester's grants on it, in force and revoked, any order
     * @param blocked the owner blocked the requester
     * @param mutual  the owner and the requester follow each other on the checking platform
     */
    public record Facts(List<Grant> grants, boolean blocked, boolean mutual) {

        /** For a likeness that does not exist: nothing is known. */
        public static final Facts NONE = new Facts(List.of(), false, false);
    }

    private ConsentDecider() {
    }

    /** @param likeness null when unknown */
    public static Decision decide(UUID likenessId, Likeness likeness, Ask ask, Facts facts, OffsetDateTime now) {
        if (likeness == null || likeness.status == Likeness.Status.DELETED) {
            return Decision.deny(likenessId, 0, Reason.UNKNOWN_LIKENESS);
        }
        long revision = likeness.revision;
        if (likeness.status == Likeness.Status.SUSPENDED) {
            return Decision.deny(likenessId, revision, Reason.SUSPENDED);
        }
        if (likeness.ownerId.equals(ask.requesterId())) {
            return Decision.allow(likenessId, revision, null);
        }
        if (facts.blocked()) {
            return Decision.deny(likenessId, revision, Reason.BLOCKED);
        }
        Decision admitted = switch (likeness.audience) {
            case ONLY_ME -> Decision.deny(likenessId, revision, Reason.ONLY_ME);
            case EVERYONE -> Decision.allow(likenessId, revision, null);
            case MUTUALS -> facts.mutual() ? Decision.allow(likenessId, revision, null)
                    : facts.grants().isEmpty() ? Decision.deny(likenessId, revision, Reason.NOT_MUTUAL)
                    : byGrant(likenessId, revision, ask, facts.grants(), now);
            case APPROVED -> byGrant(likenessId, revision, ask, facts.grants(), now);
        };
        if (!admitted.allowed()) {
            return admitted;
        }
        Set<ContentTag> conflicts = EnumSet.noneOf(ContentTag.class);
        conflicts.addAll(ask.contentTags());
        conflicts.retainAll(likeness.forbidden());
        return conflicts.isEmpty() ? admitted : Decision.restricted(likenessId, revision, conflicts);
    }

    private static Decision byGrant(UUID likenessId, long revision, Ask ask, List<Grant> grants, OffsetDateTime now) {
        List<Grant> own = grants.stream().filter(grant -> grant.granteeId.equals(ask.requesterId())).toList();
        Grant inForce = own.stream().filter(grant -> grant.revokedAt == null).findFirst().orElse(null);
        if (inForce == null) {
            return Decision.deny(likenessId, revision, own.isEmpty() ? Reason.NO_GRANT : Reason.REVOKED);
        }
        return switch (inForce.status(now)) {
            case EXPIRED -> Decision.deny(likenessId, revision, Reason.EXPIRED);
            case USED_UP -> Decision.deny(likenessId, revision, Reason.USED_UP);
            case REVOKED -> Decision.deny(likenessId, revision, Reason.REVOKED);
            case ACTIVE -> inForce.purposes.contains(ask.purpose())
                    ? Decision.allow(likenessId, revision, inForce.id)
                    : Decision.deny(likenessId, revision, Reason.PURPOSE_NOT_GRANTED);
        };
    }
}
