#!/bin/sh
# Fuzzes each target (the fuzz-* surefire executions of consent-service and identity-service) for
# FUZZ_SECONDS (default 600) each, one JVM per target, after a regression pass over every seed.
# FUZZ_MODULES (default consent-service,identity-service) picks the services; extra arguments go
# to Maven. A finding fails the run (the other service still runs) and is saved as a regression
# seed under the module's src/test/resources/**/<Class>Inputs/<method>/; the corpus grows in
# <module>/.cifuzz-corpus/ (git-ignored) and the next run starts from it.
# Output: target/fuzz.log, then the runs per target.
set -eu
cd "$(dirname "$0")/.."
mkdir -p target
status=0
./mvnw -pl "${FUZZ_MODULES:-consent-service,identity-service}" -am --fail-at-end test \
    -Dtest='*FuzzTest' -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.max-duration="${FUZZ_SECONDS:-600}s" "$@" \
    > target/fuzz.log 2>&1 || status=$?
# libFuzzer ends each target with "Done N runs in S second(s)" and names the file of a finding.
awk '/--- surefire:.*\(fuzz-/ { match($0, /\(fuzz-[a-z-]+\)/); target = substr($0, RSTART + 1, RLENGTH - 2) }
     /^Done [0-9]+ runs/ { print target ": " $0 }
     /Test unit written to/ { print target ": " $0 }' target/fuzz.log
grep -E '^\[INFO\] BUILD|^\[ERROR\] BUILD' target/fuzz.log || true
exit "$status"
