#!/usr/bin/env bash
# The first journey, step by step with curl, against the platform that deploy/run.sh started:
# Alice enrols, approves Bob; a platform checks Bob (allowed) and Carol (denied), registers Bob's
# draft; Alice is alerted; Alice revokes Bob, whose earlier consent token then stops working.
# Needs bash and curl. Read it top to bottom: every request is printed before it is sent.
set -euo pipefail
cd "$(dirname "$0")/.."

env_file=.devstack/stacks/run/demo.env
if [ ! -f "$env_file" ]; then
  echo "Start the platform first, in another terminal: deploy/run.sh" >&2
  exit 1
fi
# IDENTITY_URL, CONSENT_URL, NOTIFICATION_URL, TOKEN_URL, client ids and the platform's secret
source "$env_file"

bold=$'\033[1m'; dim=$'\033[2m'; plain=$'\033[0m'
step() { printf '\n%s%s%s\n' "$bold" "$*" "$plain"; }
# The value of a string (or number, boolean) field in compact JSON, first occurrence.
field() { sed -n "s/.*\"$1\":\"\\{0,1\\}\\([^\",}]*\\).*/\\1/p" | head -n 1; }
# Prints the request (tokens shortened), sends it, prints the answer.
call() {
  printf '%s$ curl %s%s\n' "$dim" "$(printf '%s ' "$@" | sed -E 's/(Bearer [A-Za-z0-9_-]{12}|Token":"[A-Za-z0-9_-]{12})[A-Za-z0-9._-]*/\1.../g')" "$plain" >&2
  local answer
  answer=$(curl -sS -w '\n%{http_code}' "$@")
  printf '%s%s%s\n' "$dim" "$(printf '%s' "$answer" | tail -n 1) $(printf '%s' "$answer" | sed '$d' | cut -c1-400)" "$plain" >&2
  printf '%s' "$answer" | sed '$d'
}
user_token() {
  curl -sS -d grant_type=password -d client_id="$TEST_CLIENT_ID" -d username="$1" -d password="$1" "$TOKEN_URL" | field access_token
}

step "Tokens from Keycloak: people log in (password grant, demo only), the platform uses client credentials and exchanges theirs"
ALICE=$(user_token alice); BOB=$(user_token bob); CAROL=$(user_token carol)
PLATFORM=$(curl -sS -d grant_type=client_credentials -d client_id="$PLATFORM_CLIENT_ID" \
  --data-urlencode client_secret="$PLATFORM_CLIENT_SECRET" "$TOKEN_URL" | field access_token)
# Proof of the requester: the platform exchanges the token a person gave it (RFC 8693) for one
# issued to the platform's own client; consent-service checks sub = the person, azp = the platform.
requester_proof() {
  curl -sS -d grant_type=urn:ietf:params:oauth:grant-type:token-exchange -d client_id="$PLATFORM_CLIENT_ID" \
    --data-urlencode client_secret="$PLATFORM_CLIENT_SECRET" -d subject_token="$1" \
    -d subject_token_type=urn:ietf:params:oauth:token-type:access_token "$TOKEN_URL" | field access_token
}
BOB_PROOF=$(requester_proof "$BOB"); CAROL_PROOF=$(requester_proof "$CAROL")
BOB_ID=$(curl -sS -H "Authorization: Bearer $BOB" "$CONSENT_URL/v1/me" | field id)
CAROL_ID=$(curl -sS -H "Authorization: Bearer $CAROL" "$CONSENT_URL/v1/me" | field id)
echo "Bob's id: $BOB_ID   Carol's id: $CAROL_ID"

step "1. Alice enrols: identity-service gives her a liveness challenge (3 minutes, one capture)"
LIKENESS=$(curl -sS -H "Authorization: Bearer $ALICE" "$IDENTITY_URL/v1/likenesses" | field id)
if [ -n "$LIKENESS" ]; then
  echo "Alice enrolled in an earlier run of this demo: her likeness is $LIKENESS"
else
  ENROLMENT=$(call -X POST -H "Authorization: Bearer $ALICE" "$IDENTITY_URL/v1/enrolments")
  ENROLMENT_ID=$(printf '%s' "$ENROLMENT" | field id)
  NONCE=$(printf '%s' "$ENROLMENT" | field nonce)
  DIGITS=$(printf '%s' "$ENROLMENT" | field digits)
  MOVES=$(printf '%s' "$ENROLMENT" | sed -n 's/.*"moves":\[\([^]]*\)\].*/\1/p' | tr -d '"')
  step "   She records herself reading $DIGITS aloud and turning her head $MOVES, and uploads it"
  echo "   (here: a generated MP4 — a public-domain portrait turned in 3D, the digits spoken by FreeTTS)"
  capture=$(mktemp --suffix=.mp4)
  deploy/devstack.sh sample-capture "$capture" "$DIGITS" "$MOVES"
  VERIFIED=$(call -X PUT -H "Authorization: Bearer $ALICE" -H "Likeness-Challenge-Nonce: $NONCE" \
    -H "Content-Type: video/mp4" --data-binary "@$capture" "$IDENTITY_URL/v1/enrolments/$ENROLMENT_ID/capture")
  rm -f "$capture"
  LIKENESS=$(printf '%s' "$VERIFIED" | field likenessId)
fi

step "2. consent-service learns of the verified likeness from Kafka (likeness.verified)"
for _ in $(seq 1 30); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ALICE" "$CONSENT_URL/v1/likenesses/$LIKENESS")" = 200 ] && break
  sleep 1
done
call -H "Authorization: Bearer $ALICE" "$CONSENT_URL/v1/likenesses/$LIKENESS" > /dev/null
step "   Alice lets the people she approves feature her, and approves Bob for drafts"
call -X PUT -H "Authorization: Bearer $ALICE" -H "Content-Type: application/json" -d '{"audience":"APPROVED"}' \
  "$CONSENT_URL/v1/likenesses/$LIKENESS/audience" > /dev/null
GRANT=$(call -X POST -H "Authorization: Bearer $ALICE" -H "Content-Type: application/json" \
  -d "{\"granteeId\":\"$BOB_ID\",\"purposes\":[\"draft\"]}" "$CONSENT_URL/v1/likenesses/$LIKENESS/grants" | field id)

step "3. A platform asks before rendering: may Bob feature Alice in a draft? (allowed, with a consent token)"
CHECK=$(call -X POST -H "Authorization: Bearer $PLATFORM" -H "Content-Type: application/json" \
  -d "{\"requesterId\":\"$BOB_ID\",\"requesterToken\":\"$BOB_PROOF\",\"likenessIds\":[\"$LIKENESS\"],\"purpose\":\"draft\"}" "$CONSENT_URL/v1/checks")
CONSENT_TOKEN=$(printf '%s' "$CHECK" | field consentToken)
step "   May Carol? (denied: not-permitted; only Alice may learn why)"
call -X POST -H "Authorization: Bearer $PLATFORM" -H "Content-Type: application/json" \
  -d "{\"requesterId\":\"$CAROL_ID\",\"requesterToken\":\"$CAROL_PROOF\",\"likenessIds\":[\"$LIKENESS\"],\"purpose\":\"draft\"}" "$CONSENT_URL/v1/checks" > /dev/null
echo "The consent token is a JWS; its keys are public: $CONSENT_URL/.well-known/jwks.json"

step "4. The platform renders Bob's draft and registers it with the consent token"
call -X POST -H "Authorization: Bearer $PLATFORM" -H "Content-Type: application/json" \
  -d "{\"draftId\":\"demo-$(date +%s)\",\"creatorId\":\"$BOB_ID\",\"creatorToken\":\"$BOB_PROOF\",\"likenessIds\":[\"$LIKENESS\"],\"consentToken\":\"$CONSENT_TOKEN\"}" \
  "$CONSENT_URL/v1/drafts" > /dev/null
step "   notification-service turned draft.created into an alert in Alice's inbox"
sleep 2
call -H "Authorization: Bearer $ALICE" "$NOTIFICATION_URL/v1/notifications?limit=3" > /dev/null

step "5. Alice revokes Bob: the next check is denied (revoked)..."
call -X DELETE -H "Authorization: Bearer $ALICE" "$CONSENT_URL/v1/likenesses/$LIKENESS/grants/$GRANT" > /dev/null
call -X POST -H "Authorization: Bearer $PLATFORM" -H "Content-Type: application/json" \
  -d "{\"requesterId\":\"$BOB_ID\",\"requesterToken\":\"$BOB_PROOF\",\"likenessIds\":[\"$LIKENESS\"],\"purpose\":\"draft\"}" "$CONSENT_URL/v1/checks" > /dev/null
step "   ...and the consent token from before the revocation is worthless (409 consent-withdrawn)"
call -X POST -H "Authorization: Bearer $PLATFORM" -H "Content-Type: application/json" \
  -d "{\"draftId\":\"demo-late-$(date +%s)\",\"creatorId\":\"$BOB_ID\",\"creatorToken\":\"$BOB_PROOF\",\"likenessIds\":[\"$LIKENESS\"],\"consentToken\":\"$CONSENT_TOKEN\"}" \
  "$CONSENT_URL/v1/drafts" > /dev/null
step "   Bob is told"
sleep 2
call -H "Authorization: Bearer $BOB" "$NOTIFICATION_URL/v1/notifications?limit=2" > /dev/null
printf '\nDone. Swagger UI: %s/q/swagger-ui, %s/q/swagger-ui, %s/q/swagger-ui\n' "$IDENTITY_URL" "$CONSENT_URL" "$NOTIFICATION_URL"
