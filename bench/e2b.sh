#!/usr/bin/env bash
# Time to first output from the E2B warm pool vs a cold create, against the fake E2B
# (create latency 1.5 s). Usage: bench/e2b.sh [rounds] [create-latency-ms]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/e2b-bench.classpath
. bench/lib.sh
OUT=$(java -cp "target/classes:target/test-classes:$(cat target/e2b-bench.classpath)" \
  org.runlab.engine.e2b.bench.WarmPoolBenchmark "${1:-10}" "${2:-1500}")
section e2b "E2B: warm pool against cold create (time to first output)" "bench/e2b.sh ${1:-10} ${2:-1500}" \
  "Target: a run served from the warm pool adds at most 50 ms over the execution itself (fake E2B, create latency ${2:-1500} ms)." \
  "$OUT"
