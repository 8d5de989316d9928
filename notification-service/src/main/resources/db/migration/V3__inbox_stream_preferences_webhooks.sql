-- Each person's notifications are numbered 1, 2, 3… in commit order: the number is the live
-- stream's event id (Last-Event-ID resumes after it) and the inbox cursor, so pages stay stable
-- while new notifications arrive. The counter row is locked until the notification commits.
CREATE TABLE recipient_sequence (
    recipient_id text   PRIMARY KEY,
    last_seq     bigint NOT NULL
);

ALTER TABLE notification
    ADD COLUMN seq         bigint,
    ADD COLUMN archived_at timestamptz,
    ADD COLUMN request_id  uuid,
    ADD COLUMN endpoint_id uuid,
    ADD COLUMN detail      text,
    ADD COLUMN in_inbox    boolean NOT NULL DEFAULT true,
    ADD COLUMN in_stream   boolean NOT NULL DEFAULT true;

UPDATE notification n SET seq = numbered.seq
FROM (SELECT id, row_number() OVER (PARTITION BY recipient_id ORDER BY created_at, id) AS seq FROM notification) numbered
WHERE n.id = numbered.id;

INSERT INTO recipient_sequence (recipient_id, last_seq)
SELECT recipient_id, max(seq) FROM notification GROUP BY recipient_id;

ALTER TABLE notification ALTER COLUMN seq SET NOT NULL;
DROP INDEX notification_inbox;
CREATE UNIQUE INDEX notification_inbox ON notification (recipient_id, seq DESC);
CREATE INDEX notification_unread ON notification (recipient_id) WHERE read_at IS NULL AND archived_at IS NULL AND in_inbox;

-- Live streams LISTEN: a committed notification wakes the recipient's open streams on every instance.
CREATE FUNCTION notification_created() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('notification_created', NEW.recipient_id);
    RETURN NULL;
END $$;

CREATE TRIGGER notification_created AFTER INSERT ON notification
    FOR EACH ROW WHEN (NEW.in_stream) EXECUTE FUNCTION notification_created();

-- Channels a person switched off per type; no row means every channel is on.
CREATE TABLE preference (
    recipient_id text        NOT NULL,
    type         text        NOT NULL,
    inbox        boolean     NOT NULL,
    stream       boolean     NOT NULL,
    webhook      boolean     NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (recipient_id, type)
);

CREATE TABLE webhook_endpoint (
    id                  uuid        PRIMARY KEY,
    owner_id            text        NOT NULL,
    url                 text        NOT NULL,
    description         text,
    -- Empty: every type.
    event_types         text[]      NOT NULL,
    language            text        NOT NULL,
    -- whsec_ secrets, encrypted with the configured key (AES-GCM).
    secret              text        NOT NULL,
    previous_secret     text,
    previous_expires_at timestamptz,
    disabled_at         timestamptz,
    disabled_reason     text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);

CREATE INDEX webhook_endpoint_owner ON webhook_endpoint (owner_id, created_at);

-- One message to one endpoint; created with the notification, sent by the dispatcher.
CREATE TABLE webhook_delivery (
    id              uuid        PRIMARY KEY,
    endpoint_id     uuid        NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    -- webhook-id: the same across retries and redeliveries.
    message_id      text        NOT NULL,
    type            text        NOT NULL,
    payload         text,
    -- PENDING, DELIVERED, FAILED
    status          text        NOT NULL,
    attempts        int         NOT NULL,
    next_attempt_at timestamptz,
    created_at      timestamptz NOT NULL,
    finished_at     timestamptz,
    UNIQUE (endpoint_id, message_id)
);

CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_log ON webhook_delivery (endpoint_id, created_at DESC, id DESC);

CREATE TABLE webhook_attempt (
    id              bigserial   PRIMARY KEY,
    delivery_id     uuid        NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    attempted_at    timestamptz NOT NULL,
    response_status int,
    error           text,
    duration_ms     int         NOT NULL
);

CREATE INDEX webhook_attempt_delivery ON webhook_attempt (delivery_id, id);
