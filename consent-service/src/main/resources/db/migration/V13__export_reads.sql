-- A person's export (export.ExportReads) reads by person what the checks read by likeness or
-- platform: the grants they hold or held (revoked ones too), the drafts they made, and the follows
-- reported by or of them, each a page at a time in the order of its index.
CREATE INDEX consent_grant_grantee_newest ON consent_grant (grantee_id, created_at DESC, id DESC);
CREATE INDEX draft_creator_newest ON draft (creator_id, created_at DESC, id DESC);
CREATE INDEX follow_follower ON follow (follower_id, platform_id, followee_id);
CREATE INDEX follow_followee ON follow (followee_id, platform_id, follower_id);
