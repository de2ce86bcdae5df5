#!/bin/sh
# Time to first output from the E2B warm pool vs a cold create, against the fake E2B
# (create latency 1.5 s). Usage: bench/e2b.sh [rounds] [create-latency-ms]
set -e
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/e2b-bench.classpath
exec java -cp "target/classes:target/test-classes:$(cat target/e2b-bench.classpath)" \
  org.runlab.engine.e2b.bench.WarmPoolBenchmark "${1:-10}" "${2:-1500}"
