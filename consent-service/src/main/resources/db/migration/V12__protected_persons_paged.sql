-- The protected-persons registry is listed newest first, a page at a time (ProtectedPersons.search):
-- the index is in the order of the page and its cursor (created_at, then id).
CREATE INDEX protected_person_newest ON protected_person (created_at DESC, id DESC);
