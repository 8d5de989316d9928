-- Transactional outbox: one row per event, inserted in the transaction of the change it
-- announces; OutboxRelay publishes rows to Kafka in seq order and deletes them.
CREATE TABLE outbox_event (
    seq           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id            uuid        NOT NULL UNIQUE,
    topic         text        NOT NULL,
    partition_key text        NOT NULL,
    type          text        NOT NULL,
    source        text        NOT NULL,
    subject       text,
    time          timestamptz NOT NULL,
    data          jsonb       NOT NULL
);

-- Wakes the relay when a transaction that wrote events commits (NOTIFY is delivered on commit).
CREATE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_event', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_event_inserted AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();

-- Idempotent consumers: a CloudEvent is identified by (source, id); recording it in the
-- transaction that applies its effect makes a redelivery a no-op.
CREATE TABLE consumed_event (
    consumer    text        NOT NULL,
    source      text        NOT NULL,
    id          text        NOT NULL,
    type        text        NOT NULL,
    consumed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, source, id)
);
