#!/bin/sh
# The benchmark suite: every performance figure of the platform, measured in one run against the
# packaged services on the test stack with real Keycloak tokens, each figure BENCH_RUNS times
# (default 3) after a warm-up. Writes deploy/benchmarks/results.md (one table) and results.svg.
# Options: BENCH_PARTS (consent,stream,liveness,console), BENCH_RUNS, BENCH_SECONDS (per wrk run, 15),
# BENCH_CONNECTIONS (16), BENCH_RATE (drafts/s, 200), BENCH_STREAM_SECONDS (30), BENCH_GRANTS
# (1000000); further arguments go to Maven (e.g. -Dbench.clips=8; -Dbench.jfr=1 writes a flight
# recording of the consent-service instance under load to consent-service/target/consent-a.jfr).
# The services run on the JDK of JAVA_HOME.
# Needs wrk (Debian package; installed here when missing and run as root).
set -eu
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get install -y wrk >/dev/null
    else
        echo "wrk is needed: install the Debian package wrk (apt-get install wrk)" >&2
        exit 1
    fi
fi
exec ./mvnw -pl deploy/system-tests -am verify \
    -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.skip=true \
    -Dit.test=BenchmarkSuite -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dbench.parts="${BENCH_PARTS:-consent,stream,liveness,console}" -Dbench.runs="${BENCH_RUNS:-3}" \
    -Dbench.seconds="${BENCH_SECONDS:-15}" -Dbench.connections="${BENCH_CONNECTIONS:-16}" \
    -Dbench.rate="${BENCH_RATE:-200}" -Dbench.stream-seconds="${BENCH_STREAM_SECONDS:-30}" \
    -Dbench.grants="${BENCH_GRANTS:-1000000}" "$@"
