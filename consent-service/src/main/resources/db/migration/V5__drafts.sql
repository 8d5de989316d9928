-- What platforms rendered, with the consent token they checked; every featured owner sees it.
CREATE TABLE draft (
    id          uuid        PRIMARY KEY,
    platform_id text        NOT NULL,
    external_id text        NOT NULL,
    creator_id  text        NOT NULL,
    purpose     text        NOT NULL,
    check_id    uuid        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('REGISTERED')),
    created_at  timestamptz NOT NULL,
    UNIQUE (platform_id, external_id)
);

CREATE TABLE draft_likeness (
    draft_id    uuid        NOT NULL REFERENCES draft (id),
    likeness_id uuid        NOT NULL REFERENCES likeness (id),
    owner_id    text        NOT NULL,
    revision    bigint      NOT NULL,
    PRIMARY KEY (draft_id, likeness_id)
);

CREATE INDEX draft_likeness_owner ON draft_likeness (owner_id, draft_id);
