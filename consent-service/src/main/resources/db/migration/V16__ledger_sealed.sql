-- The ledger names people by pseudonym and seals each entry's data under its likeness owner's
-- key, so erasing a person destroys what the entries say about them without changing a stored
-- byte: the hash chain, computed over what is stored, still verifies (ledger.Ledger).

-- One row per person the ledger has named: the pseudonym entries use, and the AES-256 key the
-- data of their likenesses' entries is sealed under. Erasure deletes the row: the pseudonym no
-- longer leads to anyone and the data no longer opens (crypto-shredding).
CREATE TABLE ledger_person (
    pseudonym  uuid        PRIMARY KEY,
    person_id  text        NOT NULL UNIQUE,
    data_key   bytea       NOT NULL CHECK (octet_length(data_key) = 32),
    created_at timestamptz NOT NULL
);

-- format 1: written before this migration, names and data in clear (hashed as before);
-- format 2: actor and people in data as pseudonyms, data sealed under sealed_by's key
-- (NULL when the owner was erased before the entry was written: then data is in clear).
ALTER TABLE ledger_entry
    ADD COLUMN format    smallint NOT NULL DEFAULT 1 CHECK (format IN (1, 2)),
    ADD COLUMN sealed_by uuid;
ALTER TABLE ledger_entry ALTER COLUMN format DROP DEFAULT;
