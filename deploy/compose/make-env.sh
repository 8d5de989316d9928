#!/bin/sh
# Writes the secrets compose.yaml reads into deploy/compose/.env (or the file given), mode 600:
# database passwords, the realm's client secrets, Keycloak's administrator password and the
# services' AES-256 key encryption keys, each 256 random bits. It never overwrites a file: the keys
# encrypt data at rest, and new ones would make the existing data unreadable.
set -eu
env_file="${1:-$(dirname "$0")/.env}"

if [ -e "$env_file" ]; then
    echo "$env_file exists: not overwritten (delete it only with the data it protects)" >&2
    exit 1
fi

. "$(dirname "$0")/../secret-values.sh"

umask 077
set -C  # noclobber: the file is created here or not at all
{
    secret POSTGRES_PASSWORD
    secret DB_PASSWORD_IDENTITY
    secret DB_PASSWORD_CONSENT
    secret DB_PASSWORD_NOTIFICATION
    secret DB_PASSWORD_KEYCLOAK
    secret KEYCLOAK_ADMIN_PASSWORD
    secret LIKENESS_PLATFORM_SECRET
    secret LIKENESS_IDENTITY_ADMIN_SECRET
    secret LIKENESS_NOTIFICATION_DIRECTORY_SECRET
    secret LIKENESS_CONSOLE_SECRET
    key LIKENESS_BIOMETRICS_KEY_ENCRYPTION_KEY
    key LIKENESS_CONSENT_TOKEN_KEY_ENCRYPTION_KEY
    key LIKENESS_WEBHOOKS_SECRET_ENCRYPTION_KEY
} > "$env_file"
echo "wrote $env_file"
