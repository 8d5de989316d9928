-- The likeness lifecycle: trust and safety suspend and reinstate a likeness; its owner (or trust
-- and safety) deletes it. A deleted likeness stays as a tombstone: its id may still be referred to.
ALTER TABLE likeness DROP CONSTRAINT likeness_status_check;
ALTER TABLE likeness ADD CONSTRAINT likeness_status_check CHECK (status IN ('VERIFIED', 'SUSPENDED', 'DELETED'));

ALTER TABLE likeness
    ADD COLUMN suspended_at      timestamptz,
    ADD COLUMN suspension_reason text CHECK (char_length(suspension_reason) BETWEEN 1 AND 500),
    ADD COLUMN deleted_at        timestamptz,
    -- A suspended likeness says since when and why; a deletion keeps the suspension it ended.
    ADD CONSTRAINT likeness_suspension CHECK ((suspended_at IS NULL) = (suspension_reason IS NULL)
        AND (status <> 'SUSPENDED' OR suspended_at IS NOT NULL)),
    ADD CONSTRAINT likeness_deletion CHECK ((status = 'DELETED') = (deleted_at IS NOT NULL));

-- Still one likeness per person, suspended or not; a deleted one no longer counts, so its owner
-- may enrol again.
DROP INDEX likeness_one_verified_per_owner;
CREATE UNIQUE INDEX likeness_one_per_owner ON likeness (owner_id) WHERE status <> 'DELETED';
