# Random secret values as NAME=VALUE lines, 256 bits each from /dev/urandom; sourced by
# compose/make-env.sh and kubernetes/make-secrets.sh, so both make them alike.

random() {
    head -c 32 /dev/urandom | base64 | tr -d '\n'
}
# Passwords and client secrets: URL-safe text, no padding.
secret() {
    printf '%s=%s\n' "$1" "$(random | tr '+/' '-_' | tr -d '=')"
}
# AES keys: standard base64 of 32 bytes, as the services decode them.
key() {
    printf '%s=%s\n' "$1" "$(random)"
}
