-- Retention (RetentionSchedule): each rule finds the rows past their cutoff through an index,
-- a batch at a time, instead of scanning the table every run.
CREATE INDEX notification_created ON notification (created_at);
-- Only the notifications whose requester's message is still kept: cleared ones leave the index.
CREATE INDEX notification_request_message ON notification (created_at) WHERE type = 'ACCESS_REQUESTED' AND detail IS NOT NULL;
-- Deliveries that ended; pending ones are never removed.
CREATE INDEX webhook_delivery_finished ON webhook_delivery (finished_at) WHERE status IN ('DELIVERED', 'FAILED');
