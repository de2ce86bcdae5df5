#!/usr/bin/env bash
# Measures engine selection (profile + decide) for a ~10 KiB program; writes bench/RESULTS.md.
# Usage: bench/selection.sh [warm-up iterations] [measured iterations]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
CP="target/classes:target/test-classes:$(cat target/bench.cp)"
OUT=$(java -cp "$CP" org.runlab.engine.selection.SelectionBenchmark "${1:-20000}" "${2:-50000}")
{
  echo "# Engine selection benchmark"
  echo
  echo "Target: profile and decide for a 10 KiB program, p99 under 1 ms."
  echo
  echo "- command: \`bench/selection.sh ${1:-20000} ${2:-50000}\`"
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- machine: \`$(uname -a)\`, nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg) (shared VM)"
  echo "- java: $(java -version 2>&1 | head -1)"
  echo "$OUT"
  sed -n '/^## Reading the figures/,$p' bench/NOTES.md
} > bench/RESULTS.md
cat bench/RESULTS.md
