-- Retention (retention.RetentionSchedule). An enrolment whose challenge expired unanswered is
-- deleted with its failed attempts.
ALTER TABLE capture_failure DROP CONSTRAINT capture_failure_enrolment_id_fkey;
ALTER TABLE capture_failure ADD CONSTRAINT capture_failure_enrolment_id_fkey
    FOREIGN KEY (enrolment_id) REFERENCES enrolment (id) ON DELETE CASCADE;
CREATE INDEX capture_failure_enrolment ON capture_failure (enrolment_id);
CREATE INDEX capture_failure_failed ON capture_failure (failed_at);
CREATE INDEX enrolment_unanswered ON enrolment (expires_at) WHERE status = 'AWAITING_CAPTURE';
-- Digests are never deleted with an enrolment (no cascade: a decided enrolment keeps its digest
-- forever, and deleting one that has a digest fails). Deleting an enrolment checks this key: by
-- this index, not a scan of every digest ever kept.
CREATE INDEX capture_digest_enrolment ON capture_digest (enrolment_id);
