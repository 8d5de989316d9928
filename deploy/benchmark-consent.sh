#!/bin/sh
# The consent check under load against the packaged consent-service on the test stack: 100k
# likenesses, 1M grants, wrk with real Keycloak tokens, next to the service's no-op endpoint; the
# check at 10k vs 1M grants; revocation between two instances. Options: BENCH_SECONDS (measured
# per run, default 20), BENCH_CONNECTIONS (default 16); the services run on the JDK of JAVA_HOME
# (Java 21+ signs ES256 about 6x faster than 17). The table lands in
# deploy/system-tests/target/consent-check.md. For a profile, run the Maven command below with
# -Dbench.jfr=1: each instance writes a flight recording to consent-service/target/.
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
    -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=ConsentCheckBenchmark -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dbench.seconds="${BENCH_SECONDS:-20}" -Dbench.connections="${BENCH_CONNECTIONS:-16}"
