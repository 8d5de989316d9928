package dev.likeness.consent.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.likeness.consent.grant.Grant;
import dev.likeness.consent.likeness.Audience;
import dev.likeness.consent.likeness.ContentTag;
import dev.likeness.consent.likeness.Likeness;
import dev.likeness.consent.purpose.Purpose;

class ConsentDeciderTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 21, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final String OWNER = "alice";
    private static final String FRIEND = "bob";

    private final UUID id = UUID.randomUUID();

    @Test
    void theOwnerMayAlwaysFeatureTheirVerifiedLikeness() {
        Decision decision = decide(likeness(Audience.ONLY_ME), OWNER, List.of());
        assertTrue(decision.allowed());
        assertNull(decision.reason());
        assertEquals(7, decision.revision());
    }

    @Test
    void onlyMeRefusesEveryoneElseEvenWithAGrant() {
        assertDenied(Reason.ONLY_ME, decide(likeness(Audience.ONLY_ME), FRIEND, List.of(grant(EnumSet.of(Purpose.DRAFT)))));
    }

    @Test
    void approvedAdmitsAGrantedPersonForTheGrantedPurposesOnly() {
        Grant grant = grant(EnumSet.of(Purpose.DRAFT));
        Decision allowed = decide(likeness(Audience.APPROVED), FRIEND, List.of(grant));
        assertTrue(allowed.allowed());
        assertEquals(grant.id, allowed.grantId(), "the grant whose use a draft will consume");
        assertDenied(Reason.PURPOSE_NOT_GRANTED,
                ConsentDecider.decide(id, likeness(Audience.APPROVED), new ConsentDecider.Ask(FRIEND, Purpose.PUBLISH, Set.of()),
                        new ConsentDecider.Facts(List.of(grant), false, false), NOW));
    }

    @Test
    void approvedTellsNoGrantFromARevokedOne() {
        assertDenied(Reason.NO_GRANT, decide(likeness(Audience.APPROVED), FRIEND, List.of()));
        Grant revoked = grant(EnumSet.of(Purpose.DRAFT));
        revoked.revokedAt = NOW.minusMinutes(1);
        assertDenied(Reason.REVOKED, decide(likeness(Audience.APPROVED), FRIEND, List.of(revoked)));
    }

    @Test
    void aGrantInForceWinsOverOlderRevokedOnes() {
        Grant revoked = grant(EnumSet.of(Purpose.DRAFT));
        revoked.revokedAt = NOW.minusDays(1);
        assertTrue(decide(likeness(Audience.APPROVED), FRIEND, List.of(revoked, grant(EnumSet.of(Purpose.DRAFT)))).allowed());
    }

    @Test
    void expiredAndUsedUpGrantsRefuse() {
        Grant expired = grant(EnumSet.of(Purpose.DRAFT));
        expired.expiresAt = NOW;
        assertDenied(Reason.EXPIRED, decide(likeness(Audience.APPROVED), FRIEND, List.of(expired)));
        Grant usedUp = grant(EnumSet.of(Purpose.DRAFT));
        usedUp.maxUses = 2;
        usedUp.uses = 2;
        assertDenied(Reason.USED_UP, decide(likeness(Audience.APPROVED), FRIEND, List.of(usedUp)));
        usedUp.uses = 1;
        assertTrue(decide(likeness(Audience.APPROVED), FRIEND, List.of(usedUp)).allowed());
    }

    @Test
    void anotherPersonsGrantDoesNotCount() {
        Grant carols = grant(EnumSet.of(Purpose.DRAFT));
        carols.granteeId = "carol";
        assertDenied(Reason.NO_GRANT, decide(likeness(Audience.APPROVED), FRIEND, List.of(carols)));
    }

    @Test
    void everyoneAdmitsAnybody() {
        assertTrue(decide(likeness(Audience.EVERYONE), "anybody", List.of()).allowed());
    }

    @Test
    void unknownSuspendedAndDeletedLikenessesRefuseEvenTheOwner() {
        assertDenied(Reason.UNKNOWN_LIKENESS, decide(null, OWNER, List.of()));
        Likeness suspended = likeness(Audience.EVERYONE);
        suspended.status = Likeness.Status.SUSPENDED;
        assertDenied(Reason.SUSPENDED, decide(suspended, OWNER, List.of()));
        Likeness deleted = likeness(Audience.EVERYONE);
        deleted.status = Likeness.Status.DELETED;
        assertDenied(Reason.UNKNOWN_LIKENESS, decide(deleted, OWNER, List.of()));
    }

    @Test
    void aBlockedPersonIsRefusedWhateverTheAudienceAndGrants() {
        ConsentDecider.Facts blocked = new ConsentDecider.Facts(List.of(grant(EnumSet.of(Purpose.DRAFT))), true, true);
        for (Audience audience : List.of(Audience.EVERYONE, Audience.MUTUALS, Audience.APPROVED)) {
            assertDenied(Reason.BLOCKED, decide(likeness(audience), ask(FRIEND), blocked));
        }
        assertTrue(decide(likeness(Audience.ONLY_ME), ask(OWNER), blocked).allowed(), "nobody blocks the owner");
    }

    @Test
    void mutualsAdmitsAMutualFollowerOrAGrantee() {
        assertTrue(decide(likeness(Audience.MUTUALS), ask(FRIEND), new ConsentDecider.Facts(List.of(), false, true)).allowed());
        assertDenied(Reason.NOT_MUTUAL, decide(likeness(Audience.MUTUALS), FRIEND, List.of()));
        assertTrue(decide(likeness(Audience.MUTUALS), FRIEND, List.of(grant(EnumSet.of(Purpose.DRAFT)))).allowed());
        assertDenied(Reason.PURPOSE_NOT_GRANTED,
                decide(likeness(Audience.MUTUALS), FRIEND, List.of(grant(EnumSet.of(Purpose.PUBLISH)))));
        assertDenied(Reason.ONLY_ME, decide(likeness(Audience.ONLY_ME), ask(FRIEND), new ConsentDecider.Facts(List.of(), false, true)));
    }

    @Test
    void aForbiddenContentTagRefusesOthersAndNamesTheConflict() {
        Likeness likeness = likeness(Audience.EVERYONE);
        likeness.forbid(EnumSet.of(ContentTag.POLITICAL, ContentTag.ENDORSEMENT));
        ConsentDecider.Ask political = new ConsentDecider.Ask(FRIEND, Purpose.DRAFT,
                EnumSet.of(ContentTag.POLITICAL, ContentTag.VIOLENCE));
        Decision denied = decide(likeness, political, new ConsentDecider.Facts(List.of(), false, false));
        assertDenied(Reason.RESTRICTED_CONTENT, denied);
        assertEquals(Set.of(ContentTag.POLITICAL), denied.forbiddenTags());
        assertTrue(decide(likeness, new ConsentDecider.Ask(FRIEND, Purpose.DRAFT, EnumSet.of(ContentTag.VIOLENCE)),
                new ConsentDecider.Facts(List.of(), false, false)).allowed());
        assertTrue(decide(likeness, new ConsentDecider.Ask(OWNER, Purpose.DRAFT, EnumSet.of(ContentTag.POLITICAL)),
                new ConsentDecider.Facts(List.of(), false, false)).allowed(), "the owner's own rules are for others");
    }

    private Decision decide(Likeness likeness, String requester, List<Grant> grants) {
        return decide(likeness, ask(requester), new ConsentDecider.Facts(grants, false, false));
    }

    private Decision decide(Likeness likeness, ConsentDecider.Ask ask, ConsentDecider.Facts facts) {
        return ConsentDecider.decide(id, likeness, ask, facts, NOW);
    }

    private static ConsentDecider.Ask ask(String requester) {
        return new ConsentDecider.Ask(requester, Purpose.DRAFT, Set.of());
    }

    private static void assertDenied(Reason reason, Decision decision) {
        assertFalse(decision.allowed());
        assertEquals(reason, decision.reason());
    }

    private Likeness likeness(Audience audience) {
        Likeness likeness = new Likeness();
        likeness.id = id;
        likeness.ownerId = OWNER;
        likeness.status = Likeness.Status.VERIFIED;
        likeness.audience = audience;
        likeness.revision = 7;
        return likeness;
    }

    private Grant grant(EnumSet<Purpose> purposes) {
        Grant grant = new Grant();
        grant.id = UUID.randomUUID();
        grant.likenessId = id;
        grant.granteeId = FRIEND;
        grant.purposes = purposes;
        grant.createdAt = NOW.minusDays(2);
        return grant;
    }
}
