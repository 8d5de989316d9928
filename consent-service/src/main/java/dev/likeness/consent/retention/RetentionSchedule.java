package dev.likeness.consent.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.likeness.kit.retention.RetentionRule;

/**
 * What this service deletes, and when: its rules, applied by the kit's
 * {@link dev.likeness.kit.retention.Retention} (with the kit's own, consumed event ids). The
 * README's "Retention" table says the same; the index in {@code V15__retention.sql}. Everything
 * else here is the record of consent (grants, decisions, drafts, the hash-chained ledger) and is
 * kept while the likeness exists.
 */
@ApplicationScoped
public class RetentionSchedule {

    /**
     * A decided or withdrawn request keeps its record (who asked, for what, the answer: the
     * accountability of the decision, also in the ledger, which never held the message); the
     * free text goes. A pending request has no {@code decided_at} and keeps its message.
     */
    @Produces
    @Singleton
    static RetentionRule accessRequestMessages(RetentionScheduleConfig config) {
        return RetentionRule.clearing("access-request-messages", "access request messages",
                "the owner read the requester's note to decide; once decided or withdrawn the request stays, the text goes",
                config.accessRequestMessages(), "access_request", "message", "decided_at < $1");
    }
}
