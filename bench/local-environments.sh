#!/usr/bin/env bash
# Benchmarks requirements on the local engine: three small requirements installed from a
# wheelhouse built on the spot (pip wheel, no registry), first run against a cached second run.
# Needs root, bubblewrap and cgroups, like the engine itself.
# Usage: bench/local-environments.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
. bench/lib.sh
OUT=$(java -cp "target/classes:target/test-classes:$(cat target/bench.cp)" org.runlab.engine.local.bench.EnvironmentBench "$@")
section local-environments "Local engine: requirements from a wheelhouse, first run and cached" \
  "bench/local-environments.sh $*" \
  "Target: a second run with the same requirements pays no install (close to a run without requirements)." \
  "$OUT"
