#!/usr/bin/env bash
# The local stack's command line, on the classpath Maven resolved for deploy/devstack:
#   deploy/devstack.sh run | stack | status | stop | sample-capture FILE DIGITS MOVES   (see deploy/README.md)
# Build first (deploy/run.sh does): ./mvnw -q package -Dmaven.test.skip=true
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
classes="$repo/deploy/devstack/target/classes"
if [ ! -f "$classes/dev/likeness/devstack/classpath.txt" ]; then
  echo "deploy/devstack is not built: run deploy/run.sh (or ./mvnw package -Dmaven.test.skip=true)" >&2
  exit 1
fi
cd "$repo"
exec java -Ddevstack.dir="${DEVSTACK_DIR:-$repo/.devstack}" \
  -cp "$classes:$(cat "$classes/dev/likeness/devstack/classpath.txt")" dev.likeness.devstack.Main "$@"
