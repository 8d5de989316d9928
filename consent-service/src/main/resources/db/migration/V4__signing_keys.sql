-- Keys that sign consent tokens (ES256). The private key is encrypted with the configured key
-- encryption key (AES-GCM); public keys stay published at /.well-known/jwks.json after retirement
-- until every token they signed has expired.
CREATE TABLE signing_key (
    kid         text        PRIMARY KEY,
    public_jwk  text        NOT NULL,
    private_key bytea       NOT NULL,
    created_at  timestamptz NOT NULL,
    retired_at  timestamptz
);

CREATE UNIQUE INDEX signing_key_one_active ON signing_key ((true)) WHERE retired_at IS NULL;
