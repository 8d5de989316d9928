package dev.likeness.consent.check;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dev.likeness.consent.grant.Grant;
import dev.likeness.consent.grant.Purpose;
import dev.likeness.consent.likeness.Likeness;

/**
 * Whether a person may feature one likeness for a purpose. The owner always may a verified
 * likeness of their own; for anybody else the audience decides, and under APPROVED their grant.
 */
public final class ConsentDecider {

    private ConsentDecider() {
    }

    /**
     * @param likeness  null when unknown
     * @param grants    the requester's grants on this likeness, in force and revoked, any order
     */
    public static Decision decide(UUID likenessId, Likeness likeness, String requesterId, Purpose purpose,
                                  List<Grant> grants, OffsetDateTime now) {
        if (likeness == null || likeness.status == Likeness.Status.DELETED) {
            return Decision.deny(likenessId, 0, Reason.UNKNOWN_LIKENESS);
        }
        long revision = likeness.revision;
        if (likeness.status == Likeness.Status.SUSPENDED) {
            return Decision.deny(likenessId, revision, Reason.SUSPENDED);
        }
        if (likeness.ownerId.equals(requesterId)) {
            return Decision.allow(likenessId, revision, null);
        }
        return switch (likeness.audience) {
            case ONLY_ME -> Decision.deny(likenessId, revision, Reason.ONLY_ME);
            case EVERYONE -> Decision.allow(likenessId, revision, null);
            case APPROVED -> byGrant(likenessId, revision, requesterId, purpose, grants, now);
        };
    }

    private static Decision byGrant(UUID likenessId, long revision, String requesterId, Purpose purpose,
                                    List<Grant> grants, OffsetDateTime now) {
        List<Grant> own = grants.stream().filter(grant -> grant.granteeId.equals(requesterId)).toList();
        Grant inForce = own.stream().filter(grant -> grant.revokedAt == null).findFirst().orElse(null);
        if (inForce == null) {
            return Decision.deny(likenessId, revision, own.isEmpty() ? Reason.NO_GRANT : Reason.REVOKED);
        }
        return switch (inForce.status(now)) {
            case EXPIRED -> Decision.deny(likenessId, revision, Reason.EXPIRED);
            case USED_UP -> Decision.deny(likenessId, revision, Reason.USED_UP);
            case REVOKED -> Decision.deny(likenessId, revision, Reason.REVOKED);
            case ACTIVE -> inForce.purposes.contains(purpose)
                    ? Decision.allow(likenessId, revision, inForce.id)
                    : Decision.deny(likenessId, revision, Reason.PURPOSE_NOT_GRANTED);
        };
    }
}
