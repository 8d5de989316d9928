package dev.likeness.identity.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.likeness.identity.capture.CaptureConfig;
import dev.likeness.kit.retention.RetentionRule;

/**
 * What this service deletes by age, and when: its rules, applied by the kit's
 * {@link dev.likeness.kit.retention.Retention} (with the kit's own, consumed event ids). The
 * README's "Retention" table says the same, beside the biometric retention policy (captures past
 * their retention: {@code biometric.ExpiredCaptures}); indexes in {@code V9__retention.sql}.
 * Nothing here touches what a decision left (an enrolment verified or rejected, its checks and
 * its capture's digest), nor what the capture limits count within their window.
 */
@ApplicationScoped
public class RetentionSchedule {

    /**
     * Challenges never answered: no capture decided them, so they have no checks and no digest
     * (a digest is written in the deciding transaction); one that had a digest all the same is
     * left alone, and its key, without cascade, would refuse its deletion. Their failed attempts
     * go with them ({@code ON DELETE CASCADE}).
     */
    @Produces
    @Singleton
    static RetentionRule expiredEnrolments(RetentionScheduleConfig config) {
        return RetentionRule.deleting("expired-enrolments", "enrolments whose challenge expired unanswered",
                "its owner and support can follow an abandoned enrolment for a month; it holds no biometric data",
                config.expiredEnrolments(), "enrolment", "status = 'AWAITING_CAPTURE' AND expires_at < $1"
                        + " AND NOT EXISTS (SELECT 1 FROM capture_digest d WHERE d.enrolment_id = enrolment.id)");
    }

    /** Failed attempts: the limit reads those within {@code failure-window}; refused to start with less. */
    @Produces
    @Singleton
    static RetentionRule captureFailures(RetentionScheduleConfig config, CaptureConfig capture) {
        if (config.captureFailures().compareTo(capture.failureWindow()) < 0) {
            throw new IllegalStateException("likeness.retention.capture-failures (" + config.captureFailures()
                    + ") must be at least likeness.capture.failure-window (" + capture.failureWindow()
                    + "): the limit on failed captures counts them that long");
        }
        return RetentionRule.deleting("capture-failures", "failed capture attempts",
                "the limit needs them for failure-window (3 minutes); a month tells their owner (export) and support why captures were refused",
                config.captureFailures(), "capture_failure", "failed_at < $1");
    }
}
