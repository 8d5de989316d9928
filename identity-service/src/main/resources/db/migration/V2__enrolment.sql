-- Likenesses: at most one verified likeness per person (the Keycloak subject).
CREATE TABLE likeness (
    id          uuid        PRIMARY KEY,
    owner_id    text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('VERIFIED')),
    method      text        NOT NULL,
    verified_at timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE UNIQUE INDEX likeness_one_verified_per_owner ON likeness (owner_id) WHERE status = 'VERIFIED';

-- An enrolment is one liveness challenge: it lives a few minutes and takes one capture.
CREATE TABLE enrolment (
    id           uuid        PRIMARY KEY,
    owner_id     text        NOT NULL,
    nonce        text        NOT NULL,
    digits       text        NOT NULL,
    moves        text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('AWAITING_CAPTURE', 'VERIFIED', 'REJECTED')),
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    completed_at timestamptz,
    verification jsonb,
    likeness_id  uuid        REFERENCES likeness (id)
);

CREATE INDEX enrolment_owner ON enrolment (owner_id, created_at DESC);

-- SHA-256 of every capture submitted: the same bytes are never accepted twice, for anyone.
CREATE TABLE capture_digest (
    sha256       text        PRIMARY KEY,
    enrolment_id uuid        NOT NULL REFERENCES enrolment (id),
    created_at   timestamptz NOT NULL
);
