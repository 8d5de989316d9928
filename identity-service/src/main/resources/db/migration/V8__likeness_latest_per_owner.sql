-- A person's tokens show their latest likeness: the Keycloak sync reads it per event and the
-- reconciliation pages through owners in this order.
CREATE INDEX likeness_latest_per_owner ON likeness (owner_id, verified_at DESC, id DESC);
