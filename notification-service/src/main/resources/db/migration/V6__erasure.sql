-- Erasure (erasure.Erasure): the notifications a person acted in, and the webhook deliveries of
-- those, are found through an index instead of scanning both tables.
CREATE INDEX notification_actor ON notification (actor_id) WHERE actor_id IS NOT NULL;
CREATE INDEX webhook_delivery_message ON webhook_delivery (message_id);
