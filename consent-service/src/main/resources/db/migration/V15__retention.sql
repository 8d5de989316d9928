-- Retention (retention.RetentionSchedule): the decided requests whose message is still kept, by
-- decision time. A cleared message takes its request out of the index, so it stays small.
CREATE INDEX access_request_message_kept ON access_request (decided_at) WHERE message IS NOT NULL;
