-- A person's erasure (erasure.ErasureService): asked for by the person or by trust and safety. Their
-- rows here are erased in the asking transaction; the erasure stays IN_PROGRESS until their Keycloak
-- account is deleted (keycloak.ErasedAccounts), then COMPLETED, keeping who asked and when, not whom.
CREATE TABLE erasure (
    id           uuid        PRIMARY KEY,
    -- The Keycloak subject erased: what the account deletion needs, dropped once it is done.
    person_id    text,
    status       text        NOT NULL CHECK (status IN ('IN_PROGRESS', 'COMPLETED')),
    requested_by text        NOT NULL CHECK (requested_by IN ('self', 'trust-safety')),
    -- The staff member who asked; the text 'erased' once they are erased themselves.
    staff_id     text,
    reason       text        CHECK (char_length(reason) BETWEEN 1 AND 500),
    requested_at timestamptz NOT NULL,
    completed_at timestamptz,
    CONSTRAINT erasure_progress CHECK ((status = 'IN_PROGRESS') = (person_id IS NOT NULL)
        AND (status = 'COMPLETED') = (completed_at IS NOT NULL)),
    -- Trust and safety say who they are and why, the person asks for themselves; the reason goes with the person.
    CONSTRAINT erasure_requester CHECK ((requested_by = 'trust-safety') = (staff_id IS NOT NULL)
        AND (reason IS NULL) = (requested_by = 'self' OR status = 'COMPLETED'))
);

-- One erasure in progress per person: asking again finds it.
CREATE UNIQUE INDEX erasure_in_progress_per_person ON erasure (person_id) WHERE status = 'IN_PROGRESS';
-- What the account deletion still has to do, oldest first, however many completed ones accumulate.
CREATE INDEX erasure_in_progress ON erasure (requested_at) WHERE status = 'IN_PROGRESS';
-- A staff member's erasure finds the erasures they asked for.
CREATE INDEX erasure_staff ON erasure (staff_id) WHERE staff_id IS NOT NULL;

-- An erased person's capture digests stay as the replay guard, linked to no enrolment.
ALTER TABLE capture_digest ALTER COLUMN enrolment_id DROP NOT NULL;
