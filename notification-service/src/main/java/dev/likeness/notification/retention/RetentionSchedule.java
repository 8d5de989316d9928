package dev.likeness.notification.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.likeness.kit.retention.RetentionRule;

/**
 * What this service deletes, and when: its rules, applied by the kit's
 * {@link dev.likeness.kit.retention.Retention} (with the kit's own, consumed event ids). The
 * README's "Retention" table says the same; indexes in {@code V5__retention.sql}.
 */
@ApplicationScoped
public class RetentionSchedule {

    @Produces
    @Singleton
    static RetentionRule notifications(RetentionScheduleConfig config) {
        return RetentionRule.deleting("notifications", "notifications",
                "an inbox to look back on for a year; what lasts (grants, drafts featuring a person, the ledger) is consent-service's",
                config.notifications(), "notification", "created_at < $1");
    }

    @Produces
    @Singleton
    static RetentionRule deliveryLogs(RetentionScheduleConfig config) {
        return RetentionRule.deleting("delivery-logs", "webhook deliveries that ended, with their attempts",
                "an endpoint's owner debugs and redelivers within a month; pending deliveries are never removed",
                config.deliveryLogs(), "webhook_delivery", "status IN ('DELIVERED', 'FAILED') AND finished_at < $1");
    }

    @Produces
    @Singleton
    static RetentionRule accessRequestMessages(RetentionScheduleConfig config) {
        return RetentionRule.clearing("access-request-messages", "access request messages copied into owners' notifications",
                "the free text a requester wrote goes as it does in consent-service; the notification stays",
                config.accessRequestMessages(), "notification", "detail", "type = 'ACCESS_REQUESTED' AND created_at < $1");
    }
}
