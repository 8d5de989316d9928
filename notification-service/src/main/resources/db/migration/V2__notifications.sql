-- A person's inbox. Texts are rendered when read, in the reader's language, from the type and ids.
CREATE TABLE notification (
    id           uuid        PRIMARY KEY,
    recipient_id text        NOT NULL,
    type         text        NOT NULL,
    actor_id     text,
    likeness_id  uuid,
    draft_id     uuid,
    grant_id     uuid,
    purposes     text,
    created_at   timestamptz NOT NULL,
    read_at      timestamptz
);

CREATE INDEX notification_inbox ON notification (recipient_id, created_at DESC, id DESC);
