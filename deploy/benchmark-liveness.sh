#!/bin/sh
# Built-in liveness verification time per 5-second clip (warm) and peak memory, on generated live
# clips, then on each against other digits, quiet and with babble 10 dB under the voice (every
# hearing made), then the babble clips against their own digits with the processor time they cost
# (identity-service/src/test/.../LivenessBenchmark.java). Options: BENCH_CLIPS (measured
# clips, default 12), BENCH_HEAP (the JVM's heap limit, default 512m: what the verifier runs in).
# The table lands in identity-service/target/liveness-benchmark.md.
set -eu
cd "$(dirname "$0")/.."
./mvnw -q -pl identity-service -am install -DskipTests
# The heap limit reaches the forked test JVM through the environment.
JAVA_TOOL_OPTIONS="-Xmx${BENCH_HEAP:-512m}" exec ./mvnw -q -pl identity-service surefire:test \
    -Dtest=LivenessBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.clips="${BENCH_CLIPS:-12}"
