#!/usr/bin/env bash
# The run API against the local engine alone: POST /api/runs {"wait":true} for print('hi') at 1, 8
# and 32 concurrent clients, beside the engine called in-process, alternating in one run.
# Starts its own Runlab (H2, port 18181) with limits high enough not to throttle. Needs root.
# Usage: bench/api.sh [runs per level]   (WARM_UP=n: warm-up runs each way, default 1500;
#   LEVELS=1,8,32: the client counts)
#
# BEFORE=<git ref>: instead, the same API-only load against a server built from that ref and one
# built from this checkout, one after the other in one run, both on PostgreSQL (a fresh database
# each, on the local server at 5432), into the section "api-ledger" (what committing the ledger
# before the answer costs). Ports and names come from RUNLAB_TEST_SLOT. WARM_UP defaults to 300
# there, QUIET_ROUNDS (JIT warm-up rounds of 500 runs) to 6.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
mvn -B -q -o package -DskipTests
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
if [ -n "${BEFORE:-}" ]; then
  exec bench/api-ledger.sh "$BEFORE" "${1:-96}"
fi
data=target/bench-api
rm -rf "$data"
RUNLAB_JAVA_OPTS="-Xmx1g -Drunlab.tier.anonymous.choose-engine=true -Drunlab.tier.anonymous.runs-per-hour=1000000 \
  -Drunlab.tier.anonymous.runs-per-day=1000000 -Drunlab.tier.anonymous.concurrent-runs=64 \
  -Drunlab.run.concurrency=32 -Drunlab.local.cgroup-parent=runlab-bench-server -Drunlab.local.work-root=/dev/shm/runlab-bench-server" \
  bin/runlab start --no-install --no-build --port 18181 --data-dir "$data" > "$data.out" 2>&1 &
server=$!
trap 'pkill -P $server 2>/dev/null; kill $server 2>/dev/null; wait 2>/dev/null' EXIT
for _ in $(seq 1 300); do grep -q "Runlab is ready" "$data.out" 2>/dev/null && break; sleep 1; done
grep -q "Runlab is ready" "$data.out" || { cat "$data.out"; exit 1; }
server_pid=$(pgrep -f -- "payara-micro.jar.*--port 18181" | head -1)
out=$(java -Dbench.warmup="${WARM_UP:-1500}" -Dbench.levels="${LEVELS:-1,8,32}" -Dbench.server-pid="$server_pid" -cp "target/classes:target/test-classes:$(cat target/bench.cp)" org.runlab.bench.ApiBench http://127.0.0.1:18181/ "${1:-96}")
section api "Run API overhead over the local engine" "bench/api.sh ${1:-96}" \
  "Target: the API adds at most 5 ms at p50 over the engine alone, at 1, 8 and 32 concurrent clients." \
"- what: \`POST /api/runs\` {\"wait\":true} for print('hi') on the local engine, through HTTP (JDK
  HttpClient, keep-alive), against the same engine called in-process by the benchmark with the
  same pool settings, alternating in quarters at each level. The server runs with H2 and
  \`runlab.run.concurrency=32\` (as many slots as the engine alone has callers). Each client is
  one visitor keeping its cookie, as a page does.
- warm-up: ${WARM_UP:-1500} runs each way one at a time, then as many with 8 callers, then rounds
  of 500 API runs at each level in turn until the server's JIT compilers go quiet (below). A fresh Payara keeps compiling
  for 20,000-30,000 requests; on 2 cores that compiling is the largest part of a young server's
  cost per run, and it is start-up cost, not what the API costs a server that has been up a while.
- CPU per run: utime+stime from /proc of the server's and the benchmark's JVMs (and of the
  server's JIT compiler threads), of their waited-for children, and of the whole machine (/proc/stat). bubblewrap's
  sandbox processes end up reaped by init, so most sandbox CPU shows only in the last column.

$out"
