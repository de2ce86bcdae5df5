#!/usr/bin/env bash
# Measures engine selection (profile + decide) for a ~10 KiB program; writes bench/RESULTS.md.
# Usage: bench/selection.sh [warm-up iterations] [measured iterations]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
CP="target/classes:target/test-classes:$(cat target/bench.cp)"
. bench/lib.sh
OUT=$(java -cp "$CP" org.runlab.engine.selection.SelectionBenchmark "${1:-20000}" "${2:-50000}")
section selection "Engine selection: profile and decide" "bench/selection.sh ${1:-20000} ${2:-50000}" \
  "Target: profile and decide for a 10 KiB program, p99 under 1 ms." \
  "$OUT
$(sed -n '/^## Reading the figures/,$p' bench/NOTES.md)"
