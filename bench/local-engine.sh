#!/usr/bin/env bash
# Benchmarks the local sandbox engine (needs root, bubblewrap and cgroups, like the engine itself).
# Usage: bench/local-engine.sh [rounds] [heavy-rounds] [throughput-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile
echo "Command: bench/local-engine.sh $*"
echo "Machine: $(uname -srvmo), $(nproc) CPUs, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
exec java -cp target/classes:target/test-classes org.runlab.engine.local.bench.LocalEngineBench "$@"
