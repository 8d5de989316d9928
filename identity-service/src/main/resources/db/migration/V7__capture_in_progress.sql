-- When the capture answering the challenge arrived: a challenge is verified against one capture
-- at a time. Cleared when that capture failed without deciding the enrolment (unreadable bytes,
-- an internal failure); a crash leaves it set, and the enrolment simply expires with its challenge.
ALTER TABLE enrolment ADD COLUMN capture_started_at timestamptz;

-- Open enrolments per person are counted at every start.
CREATE INDEX enrolment_open_per_owner ON enrolment (owner_id, expires_at) WHERE status = 'AWAITING_CAPTURE';

-- A capture whose verification failed inside the service counts as a failed attempt too.
ALTER TABLE capture_failure DROP CONSTRAINT capture_failure_outcome_check;
ALTER TABLE capture_failure ADD CONSTRAINT capture_failure_outcome_check
    CHECK (outcome IN ('liveness-failed', 'capture-unreadable', 'verification-error'));
