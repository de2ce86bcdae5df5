#!/usr/bin/env bash
# Cost per run, before and after (issue 16): the server JVM's CPU per admitted trivial run of two
# builds side by side. Each build is checked out into a worktree of its own under target/cost/,
# built there, and started on H2 with limits that do not throttle; then bench's CostBench sends
# rounds of POST /api/runs {"wait":true} print('hi') at 8 clients to each server in turn, and
# counts each server's utime+stime (/proc) over its own rounds. The second half of the rounds,
# after the JIT compilers have settled, gives the medians. Needs root (local sandbox).
# Usage: bench/cost.sh BASE_REF [NEW_REF] [rounds] [runs per round]   (NEW_REF default HEAD,
#   40 rounds of 400 runs). Ports from RUNLAB_TEST_SLOT (default 5): the slot's base + 10 and + 11.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
base_ref=$1 new_ref=${2:-HEAD} rounds=${3:-40} per_round=${4:-400}
SLOT=${RUNLAB_TEST_SLOT:-5}
root=$PWD/target/cost
mkdir -p "$root"

pids=() starters=()
stop() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${starters[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  git worktree prune
}
trap stop EXIT

# build NAME REF: a worktree of REF under target/cost/NAME with its WAR built.
build() {
  local dir=$root/$1
  if [ -f "$dir/target/bench.cp" ] && [ "$(git -C "$dir" rev-parse HEAD)" = "$(git rev-parse "$2^{commit}")" ]; then
    return # built from that commit already
  fi
  git worktree remove --force "$dir" 2>/dev/null || rm -rf "$dir"
  git worktree prune
  git worktree add --detach "$dir" "$2" >/dev/null
  (cd "$dir" && mvn -B -q -o package -DskipTests dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.cp >/dev/null)
}

# start NAME PORT: that build's Runlab on H2, unthrottled, with its own sandbox dirs and cgroups.
start() {
  local dir=$root/$1 data=$root/$1-data
  rm -rf "$data"
  (cd "$dir" && RUNLAB_JAVA_OPTS="-Xmx1g -Drunlab.tier.anonymous.choose-engine=true \
    -Drunlab.tier.anonymous.runs-per-hour=1000000 -Drunlab.tier.anonymous.runs-per-day=1000000 \
    -Drunlab.tier.anonymous.concurrent-runs=64 -Drunlab.run.concurrency=32 \
    -Drunlab.local.cgroup-parent=runlab-cost-$SLOT-$1 -Drunlab.local.work-root=/dev/shm/runlab-cost-$SLOT-$1" \
    exec bin/runlab start --no-install --no-build --port "$2" --data-dir "$data") > "$root/$1.out" 2>&1 &
  starters+=($!)
}

# A server takes about a minute on an idle machine, several on a busy shared one.
ready() {
  for _ in $(seq 1 1500); do grep -q "Runlab is ready" "$root/$1.out" 2>/dev/null && break; sleep 1; done
  grep -q "Runlab is ready" "$root/$1.out" || { cat "$root/$1.out"; exit 1; }
  pgrep -f -- "payara-micro.jar.*--port $2" | head -1
}

port_base=$((18080 + SLOT * 100 + 10))
build base "$base_ref"
build new "$new_ref"
start base $port_base
start new $((port_base + 1))
base_pid=$(ready base $port_base)
new_pid=$(ready new $((port_base + 1)))
pids=("$base_pid" "$new_pid")
base_name="before ($(git rev-parse --short "$base_ref"))"
new_name="after ($(git rev-parse --short "$new_ref"))"
# The benchmark itself from the newer build (this checkout's target/ may be rebuilt meanwhile).
nt=$root/new/target
out=$(java -cp "$nt/classes:$nt/test-classes:$(cat "$nt/bench.cp")" org.runlab.bench.CostBench \
  "$base_name=http://127.0.0.1:$port_base/=$base_pid" "$new_name=http://127.0.0.1:$((port_base + 1))/=$new_pid" \
  "$rounds" "$per_round")
section cost "Cost per run: the server JVM's CPU per admitted trivial run, before and after" \
  "bench/cost.sh $base_ref $new_ref $rounds $per_round" \
  "Target: at most 2 ms of server JVM CPU per admitted trivial run at steady state (was about 6-7 ms)." \
"- what: \`POST /api/runs\` {\"wait\":true} for print('hi') on the local engine at 8 clients, each client one
  visitor keeping its cookie; H2, limits that do not throttle, \`runlab.run.concurrency=32\`. The two
  builds run at once, and rounds of $per_round runs go to each in turn, so both see the same machine.
- CPU per run: utime+stime of the server JVM from /proc/PID/stat over its own rounds, divided by the
  runs; the sandboxes (bwrap, python) are other processes and not in it. The medians are over the
  second half of the rounds, once the JIT compilers have mostly settled.

$out"
