-- Biometric data kept after verification, encrypted with a data key per likeness (AES-256-GCM).
-- The data key is stored wrapped by the key encryption key from configuration; deleting the
-- likeness deletes its key and its data (crypto-shredding: a copy of the ciphertext left in a
-- backup or a dead tuple is useless without the key).
CREATE TABLE likeness_key (
    likeness_id uuid PRIMARY KEY REFERENCES likeness (id),
    -- IV (12 bytes) || AES-GCM(key encryption key, data key, AAD = likeness id)
    wrapped_key bytea       NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE biometric_record (
    likeness_id  uuid        NOT NULL REFERENCES likeness_key (likeness_id),
    kind         text        NOT NULL CHECK (kind IN ('REFERENCE_IMAGE', 'CAPTURE')),
    media_type   text        NOT NULL,
    -- IV (12 bytes) || AES-GCM(data key, content, AAD = likeness id and kind)
    ciphertext   bytea       NOT NULL,
    created_at   timestamptz NOT NULL,
    -- When retention ends; null: kept while the likeness exists.
    delete_after timestamptz,
    PRIMARY KEY (likeness_id, kind)
);

CREATE INDEX biometric_record_retention ON biometric_record (delete_after) WHERE delete_after IS NOT NULL;
