#!/usr/bin/env bash
# Benchmarks the local sandbox engine (needs root, bubblewrap and cgroups, like the engine itself).
# Usage: bench/local-engine.sh [rounds] [heavy-rounds] [throughput-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
. bench/lib.sh
OUT=$(java -cp "target/classes:target/test-classes:$(cat target/bench.cp)" org.runlab.engine.local.bench.LocalEngineBench "$@")
section local-engine "Local sandbox engine: warm, cold, bare python, throughput" "bench/local-engine.sh $*" \
  "Targets: warm print('hi') no slower than bare python3 (ratio <= 1.0), cold within 2.2x; numpy+pandas warm against cold; at least 40 trivial runs/s with 8 callers on 2 cores." \
  "$OUT"
