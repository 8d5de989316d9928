#!/bin/sh
# Draft registered at consent-service → the event on the owner's open SSE stream, at a sustained
# rate, against the three packaged services on the test stack. Options: BENCH_RATE (drafts/s,
# default 200), BENCH_SECONDS (measured, default 30). The table lands in
# deploy/system-tests/target/draft-to-stream.md.
set -eu
cd "$(dirname "$0")/.."
exec ./mvnw -pl deploy/system-tests -am verify \
    -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=DraftToStreamBenchmark -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dbench.rate="${BENCH_RATE:-200}" -Dbench.seconds="${BENCH_SECONDS:-30}"
