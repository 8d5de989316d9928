#!/usr/bin/env bash
# The local stack's command line, on the classpath Maven resolved for deploy/devstack:
#   deploy/devstack.sh run | stack | status | stop | sample-capture FILE DIGITS MOVES [SEED]   (see deploy/README.md)
# sample-capture runs deploy/capture-fixtures (SampleCapture) on its own classpath instead.
# Build first (deploy/run.sh does): ./mvnw -q package -Dmaven.test.skip=true
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${1:-}" = sample-capture ]; then
  fixtures="$repo/deploy/capture-fixtures/target"
  if [ ! -f "$fixtures/classpath.txt" ] || [ ! -d "$fixtures/classes" ]; then
    echo "deploy/capture-fixtures is not built: run deploy/run.sh (or ./mvnw package -Dmaven.test.skip=true)" >&2
    exit 1
  fi
  shift
  exec java -cp "$fixtures/classes:$(cat "$fixtures/classpath.txt")" dev.likeness.captures.SampleCapture "$@"
fi
classes="$repo/deploy/devstack/target/classes"
if [ ! -f "$classes/dev/likeness/devstack/classpath.txt" ]; then
  echo "deploy/devstack is not built: run deploy/run.sh (or ./mvnw package -Dmaven.test.skip=true)" >&2
  exit 1
fi
cd "$repo"
exec java -Ddevstack.dir="${DEVSTACK_DIR:-$repo/.devstack}" \
  -cp "$classes:$(cat "$classes/dev/likeness/devstack/classpath.txt")" dev.likeness.devstack.Main "$@"
