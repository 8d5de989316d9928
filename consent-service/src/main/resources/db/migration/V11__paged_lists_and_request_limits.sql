-- The owner's lists, newest first, a page at a time: each index is in the order of its page and
-- cursor (created_at, then the key), so a page is one range of the index however deep it is. They
-- replace the indexes on created_at alone, which served the unpaged lists.
DROP INDEX consent_grant_likeness;
CREATE INDEX consent_grant_newest ON consent_grant (likeness_id, created_at DESC, id DESC);
DROP INDEX access_request_likeness;
CREATE INDEX access_request_newest ON access_request (likeness_id, created_at DESC, id DESC);
DROP INDEX access_request_requester;
CREATE INDEX access_request_sent ON access_request (requester_id, created_at DESC, id DESC);
CREATE INDEX block_newest ON block (likeness_id, created_at DESC, blocked_id DESC);

-- The limits on asking (AccessRequestService.ask): one person's requests for one likeness (the
-- recent ones, the last denial), and the requests a person has waiting.
CREATE INDEX access_request_asked ON access_request (likeness_id, requester_id, created_at DESC);
CREATE INDEX access_request_waiting ON access_request (requester_id) WHERE status = 'PENDING';
