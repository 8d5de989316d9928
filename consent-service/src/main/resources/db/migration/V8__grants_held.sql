-- The grants a person holds, newest first (GET /v1/grants): by grantee, in the order of the page
-- and its cursor, only those not revoked (revoked grants stay as history and are never listed).
-- Neither uses nor expires_at is in it: a draft registration's use of a grant stays a HOT update.
CREATE INDEX consent_grant_held ON consent_grant (grantee_id, created_at DESC, id DESC) WHERE revoked_at IS NULL;
