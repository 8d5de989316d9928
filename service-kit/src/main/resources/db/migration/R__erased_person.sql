-- The kit's erasure.ErasedPersons: people erased lately, as SHA-256 digests of their ids.
-- Repeatable, so the kit's table reaches every service's database without taking a version
-- number from the services' own migrations; written so that running it again changes nothing.
CREATE TABLE IF NOT EXISTS erased_person (
    digest    text        PRIMARY KEY,
    erased_at timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS erased_person_erased_at ON erased_person (erased_at);
