-- Failed capture attempts (liveness-failed, capture-unreadable), counted per person over
-- likeness.enrolment.failure-window to refuse further attempts with 429. Kept in the database
-- so every instance of the service counts the same attempts; rows older than the window are
-- pruned as new ones come in.
CREATE TABLE capture_failure (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id     text        NOT NULL,
    enrolment_id uuid        NOT NULL REFERENCES enrolment (id),
    outcome      text        NOT NULL CHECK (outcome IN ('liveness-failed', 'capture-unreadable')),
    failed_at    timestamptz NOT NULL
);

CREATE INDEX capture_failure_owner ON capture_failure (owner_id, failed_at DESC);
