#!/usr/bin/env bash
# Benchmarks the lesson page in headless Chromium: page load to Python ready (cold and warm HTTP
# cache) and Run to first output (browser and local engine). Starts its own Runlab on a private
# port, writes its section of bench/RESULTS.md and stops Runlab again.
# Usage: bench/pages.sh [rounds] [runs-per-round] [port]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}; RUNS=${2:-5}; PORT=${3:-8094}
DATA=$(mktemp -d /tmp/runlab-bench-pages.XXXXXX)
mvn -B -q -o package -DskipTests
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
java -Xmx1g -Dhazelcast.socket.bind.any=false -Drunlab.data-dir="$DATA" \
  -Drunlab.local.cgroup-parent=runlab-bench-pages -Drunlab.local.work-root=/dev/shm/runlab-bench-pages \
  -Drunlab.admin.password=bench-Secret-1 -jar target/payara-micro.jar --deploy target/runlab.war \
  --contextroot / --port "$PORT" --disablephonehome --clustermode "tcpip:127.0.0.1:$((PORT - 1160))" \
  --startport "$((PORT - 1160))" --interfaces 127.0.0.1 --unpackdir "$DATA/payara" \
  --prebootcommandfile payara-config/pre-boot-commands.asadmin > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -s -m 2 "http://127.0.0.1:$PORT/health" | grep -q '"status":"UP"' && break
  sleep 1
done
# The demo course is seeded just after start-up: wait until the lesson page is there.
for _ in $(seq 1 60); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/lesson.xhtml?l=hello")" = 200 ] && break
  sleep 1
done
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
OUT=$(java -cp "target/classes:target/test-classes:$(cat target/bench.cp)" \
  org.runlab.workspace.bench.PagesBench "http://127.0.0.1:$PORT/" "$ROUNDS" "$RUNS" 2>"$DATA/bench.err") || {
  grep -v '^WARN' "$DATA/bench.err" | tail -20 >&2
  exit 1
}
. bench/lib.sh
section pages "Lesson page: Pyodide load and first output" "bench/pages.sh $ROUNDS $RUNS" \
  "Targets: warm load to Python ready within 1.5 s; Run to first output within 100 ms." \
  "- load average before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg)
- browser: $(chromium --version 2>/dev/null | head -1), headless, driven by Selenium; Runlab on Payara Micro, H2, loopback
- times from the page's clock: navigation start to the worker's 'ready'; Run click to the first output text in the console
- each round: a fresh profile (cold), the same page opened twice more (warm), then $RUNS runs of each kind

$OUT"
