-- A grant lets one person feature a likeness, for some purposes, maybe until a time or a number of uses.
CREATE TABLE consent_grant (
    id          uuid        PRIMARY KEY,
    likeness_id uuid        NOT NULL REFERENCES likeness (id),
    grantee_id  text        NOT NULL,
    purposes    text        NOT NULL,
    expires_at  timestamptz,
    max_uses    integer     CHECK (max_uses > 0),
    uses        integer     NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);

-- One grant in force per person and likeness; revoked ones stay as history.
CREATE UNIQUE INDEX consent_grant_in_force ON consent_grant (likeness_id, grantee_id) WHERE revoked_at IS NULL;
CREATE INDEX consent_grant_likeness ON consent_grant (likeness_id, created_at DESC);
