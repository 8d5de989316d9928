-- The claim of the instance sending a delivery, new at every claim. While it is set,
-- next_attempt_at is when the claim lapses: a crashed instance's deliveries come due again.
-- Right before sending, an instance extends its claim past the request's timeout, and only if
-- the claim is still its own, so a delivery whose claim lapsed and was taken is sent once.
ALTER TABLE webhook_delivery ADD COLUMN lease_owner uuid;
