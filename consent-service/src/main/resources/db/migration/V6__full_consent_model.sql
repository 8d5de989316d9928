-- The full consent model: mutual follows, blocks, content restrictions, access requests,
-- protected persons, the drafts' life after registration and a hash-chained ledger per likeness.

ALTER TABLE likeness DROP CONSTRAINT likeness_audience_check;
ALTER TABLE likeness ADD CONSTRAINT likeness_audience_check
    CHECK (audience IN ('ONLY_ME', 'APPROVED', 'MUTUALS', 'EVERYONE'));
ALTER TABLE likeness
    -- Content tags the owner forbids (ContentTag codes) and free text the renderer must follow.
    ADD COLUMN forbidden_tags text[] NOT NULL DEFAULT '{}',
    ADD COLUMN guidelines     text,
    -- The ledger's head: its last entry, so appending needs no read and truncation shows.
    ADD COLUMN ledger_seq     bigint NOT NULL DEFAULT 0,
    ADD COLUMN ledger_hash    text;

-- A check reads the requester's grants on the scene's likenesses, revoked ones included.
CREATE INDEX consent_grant_grantee ON consent_grant (likeness_id, grantee_id);

-- Who follows whom, as each platform reports it; MUTUALS needs both directions on the checking platform.
CREATE TABLE follow (
    platform_id text        NOT NULL,
    follower_id text        NOT NULL,
    followee_id text        NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (platform_id, follower_id, followee_id)
);

-- A blocked person may not feature the likeness, whatever its audience and grants.
CREATE TABLE block (
    likeness_id uuid        NOT NULL REFERENCES likeness (id),
    blocked_id  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (likeness_id, blocked_id)
);

CREATE TABLE access_request (
    id           uuid        PRIMARY KEY,
    likeness_id  uuid        NOT NULL REFERENCES likeness (id),
    requester_id text        NOT NULL,
    purposes     text        NOT NULL,
    message      text,
    status       text        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'DENIED', 'WITHDRAWN')),
    created_at   timestamptz NOT NULL,
    decided_at   timestamptz,
    grant_id     uuid        REFERENCES consent_grant (id)
);

-- One open request per person and likeness.
CREATE UNIQUE INDEX access_request_pending ON access_request (likeness_id, requester_id) WHERE status = 'PENDING';
CREATE INDEX access_request_likeness ON access_request (likeness_id, created_at DESC);
CREATE INDEX access_request_requester ON access_request (requester_id, created_at DESC);

-- Public figures and estates' requests: names that may not be depicted unless that person consents.
CREATE TABLE protected_person (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    aliases     text[]      NOT NULL DEFAULT '{}',
    kind        text        NOT NULL CHECK (kind IN ('PUBLIC_FIGURE', 'ESTATE_REQUEST')),
    -- The person's Keycloak subject once they enrol: their own consenting likeness lifts the protection.
    subject_id  text,
    note        text,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- Every name and alias, normalised (case, accents, punctuation), for the check's lookup.
CREATE TABLE protected_name (
    normalized          text NOT NULL,
    protected_person_id uuid NOT NULL REFERENCES protected_person (id) ON DELETE CASCADE,
    PRIMARY KEY (normalized, protected_person_id)
);

ALTER TABLE draft DROP CONSTRAINT draft_status_check;
ALTER TABLE draft ADD CONSTRAINT draft_status_check
    CHECK (status IN ('REGISTERED', 'PUBLISHED', 'REMOVAL_REQUESTED', 'REMOVED'));
ALTER TABLE draft
    ADD COLUMN published_at timestamptz,
    ADD COLUMN removed_at   timestamptz;

-- Newest first per likeness, for the owner's list of drafts featuring them.
ALTER TABLE draft_likeness
    ADD COLUMN created_at           timestamptz,
    ADD COLUMN removal_requested_at timestamptz,
    ADD COLUMN removal_reason       text;
UPDATE draft_likeness f SET created_at = d.created_at FROM draft d WHERE d.id = f.draft_id;
ALTER TABLE draft_likeness ALTER COLUMN created_at SET NOT NULL;
CREATE INDEX draft_likeness_newest ON draft_likeness (likeness_id, created_at DESC, draft_id DESC);

-- Append-only: each entry's hash covers its content and the previous entry's hash.
CREATE TABLE ledger_entry (
    likeness_id uuid        NOT NULL REFERENCES likeness (id),
    seq         bigint      NOT NULL,
    type        text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    actor       text        NOT NULL,
    data        text        NOT NULL,
    prev_hash   text,
    hash        text        NOT NULL,
    PRIMARY KEY (likeness_id, seq)
);
