#!/usr/bin/env bash
# The soak (issue 16): Gatling's learner mix at a moderate rate for 30 minutes against one Runlab
# on PostgreSQL, with the server's heap after a full GC (jcmd GC.heap_info) and its RSS sampled
# every 5 minutes, then the figures into bench/RESULTS.md. Uses its own port (the slot's + 5),
# database and directories, so it can run beside bench/load.sh. Needs root.
# Usage: bench/soak.sh [seconds]   (default 1800; LEARNERS=6 VISITORS=6 ABUSERS=4 per minute)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
export LOAD_NAME=soak
SLOT=${RUNLAB_TEST_SLOT:-5}
export PORT=${PORT:-$((18080 + SLOT * 100 + 5))}
. bench/load-lib.sh
seconds=${1:-1800}
MEMBERS=1
load_prepare
load_start_servers
pid=${SERVER_PIDS[0]}

# Heap in use after a full collection, and the resident set, in MiB: one table row.
sample() {
  jcmd "$pid" GC.run >/dev/null
  local heap rss
  heap=$(jcmd "$pid" GC.heap_info | grep -oE 'total [0-9]+K, used [0-9]+K' | head -1 | sed -E 's/.*used ([0-9]+)K/\1/')
  rss=$(awk '/VmRSS/{print $2}' "/proc/$pid/status")
  echo "| $1 | $(( $(date +%s) - started )) | $((heap / 1024)) | $((rss / 1024)) |" >> "$DATA/samples.md"
}
started=$(date +%s)
: > "$DATA/samples.md"
sample "idle, after start"
(
  sleep 180
  sample "after 3 min of load (warm-up)"
  while true; do sleep 300; sample "under load"; done
) &
sampler=$!
load_run_gatling "$seconds" "${LEARNERS:-6}" "${VISITORS:-6}" "${ABUSERS:-4}"
kill $sampler 2>/dev/null || true
wait $sampler 2>/dev/null || true
sample "end, load over"
EXTRA_NOTES="Heap and RSS of the server JVM (\`-Xmx1g\`), sampled with \`jcmd GC.run\` then \`GC.heap_info\`
and /proc/<pid>/status:

| when | s since start | heap used after full GC (MiB) | RSS (MiB) |
|---|---|---|---|
$(cat "$DATA/samples.md")"
export EXTRA_NOTES
load_report soak "Soak: the learner mix at a moderate rate for $((seconds / 60)) minutes" "bench/soak.sh $seconds"
