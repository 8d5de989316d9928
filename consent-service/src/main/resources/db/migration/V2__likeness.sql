-- What consent-service knows of each likeness (projected from identity events) and who may feature it.
CREATE TABLE likeness (
    id          uuid        PRIMARY KEY,
    owner_id    text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('VERIFIED', 'SUSPENDED', 'DELETED')),
    audience    text        NOT NULL DEFAULT 'ONLY_ME' CHECK (audience IN ('ONLY_ME', 'APPROVED', 'EVERYONE')),
    -- Bumped by every change that can narrow consent; consent tokens name the revision they saw.
    revision    bigint      NOT NULL DEFAULT 1,
    verified_at timestamptz,
    updated_at  timestamptz NOT NULL
);

CREATE INDEX likeness_owner ON likeness (owner_id);
