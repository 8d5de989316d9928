#!/bin/sh
# Creates the Secrets the manifests reference but never contain, in the namespace given (default: likeness),
# each value 256 random bits as deploy/compose/make-env.sh makes them:
#   likeness-keys            the services' AES-256 key encryption keys (standard base64 of 32 bytes)
#   likeness-client-secrets  the realm's client secrets (URL-safe text), read by the services and the realm import
# The database credentials come from CloudNativePG (<cluster>-app), Keycloak's first administrator from the
# Keycloak operator (keycloak-initial-admin). It never replaces a Secret that exists: the keys encrypt data at
# rest, and new ones would make the existing data unreadable.
set -eu
namespace="${1:-likeness}"

. "$(dirname "$0")/../secret-values.sh"

create() {
    name="$1"
    shift
    if kubectl --namespace "$namespace" get secret "$name" >/dev/null 2>&1; then
        echo "secret $name exists in $namespace: not replaced (delete it only with the data it protects)" >&2
        return 1
    fi
    # The values reach kubectl through a pipe: never in a file, nor in a command line other users can list.
    "$@" | kubectl --namespace "$namespace" create secret generic "$name" --from-env-file=/dev/stdin
}

keys() {
    key LIKENESS_BIOMETRICS_KEY_ENCRYPTION_KEY
    key LIKENESS_CONSENT_TOKEN_KEY_ENCRYPTION_KEY
    key LIKENESS_WEBHOOKS_SECRET_ENCRYPTION_KEY
}
client_secrets() {
    secret LIKENESS_PLATFORM_SECRET
    secret LIKENESS_IDENTITY_ADMIN_SECRET
    secret LIKENESS_NOTIFICATION_DIRECTORY_SECRET
    secret LIKENESS_CONSOLE_SECRET
}

status=0
create likeness-keys keys || status=1
create likeness-client-secrets client_secrets || status=1
exit "$status"
