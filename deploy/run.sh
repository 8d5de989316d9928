#!/usr/bin/env bash
# Runs the whole platform locally: builds it, starts PostgreSQL, Kafka and Keycloak (fetched from
# Maven Central, no Docker), the three services and the web console, prints URLs and demo accounts.
# Ctrl-C stops everything. Options: --reset wipes the local data first.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Building the services (the first build downloads dependencies: a few minutes)..."
./mvnw -q package -Dmaven.test.skip=true
exec deploy/devstack.sh run "$@"
