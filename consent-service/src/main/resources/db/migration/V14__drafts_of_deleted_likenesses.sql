-- A deleted likeness asks every platform to remove every draft featuring it (draft.RemovalSweep):
-- marked here in the deletion's transaction, cleared once every such draft has been asked for, a
-- batch per transaction however many drafts there are. Likenesses deleted before this migration
-- are swept too.
ALTER TABLE likeness ADD COLUMN drafts_removal_pending boolean NOT NULL DEFAULT false;
UPDATE likeness SET drafts_removal_pending = true WHERE status = 'DELETED';
CREATE INDEX likeness_drafts_removal_pending ON likeness (id) WHERE drafts_removal_pending;
