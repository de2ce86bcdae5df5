#!/usr/bin/env bash
# Measures admission cost (the quota check of POST /api/runs: limits revision, Bucket4j on
# Payara's Hazelcast JCache) on one Payara Micro instance and on two clustered ones, from the
# server's own timer runlab_quota_admission; writes its section of bench/RESULTS.md.
# Usage: bench/quota.sh [requests per phase] [parallel clients]   (needs target/runlab.war: mvn package;
#   JAVA_OPTS_EXTRA: more JVM options for the instances, such as -Xlog:gc:file=...)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
P=${2:-4}
WORK="$PWD/target/bench-quota"
HTTP=(18481 18482)
HZ=(6981 6982)
DB=runlab_quota_bench
rm -rf "$WORK" && mkdir -p "$WORK"
printf '%s' '{"entry":"main.py","files":[{"path":"main.py","content":"import threading\nprint(1)\n"}]}' > "$WORK/run.json"
printf '%s' '{"entry":"main.py","wait":true,"files":[{"path":"main.py","content":"import threading\nprint(1)\n"}]}' > "$WORK/wait.json"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# start NODE DBURL MEMBERS CLUSTER
start() {
  local n=$1 url=$2 members=$3 cluster=$4 dir="$WORK/node-$1"
  mkdir -p "$dir"
  java -Xmx512m -Dhazelcast.socket.bind.any=false -Djava.io.tmpdir="$dir" \
    -Drunlab.data-dir="$dir/data" ${url:+-Drunlab.db.url=$url -Drunlab.db.user=postgres -Drunlab.db.password=postgres} \
    -Drunlab.admin.password=bench-Secret-9 -Drunlab.e2b.api-key= \
    -Drunlab.local.cgroup-parent=runlab-quota-bench -Drunlab.local.work-root=/dev/shm/runlab-quota-bench-$n \
    -Drunlab.tier.anonymous.runs-per-hour=1 ${NODE_OPTS:-} ${JAVA_OPTS_EXTRA:-} \
    -jar target/payara-micro.jar --deploy target/runlab.war --contextroot / --port "${HTTP[$n]}" \
    --disablephonehome --clustermode "tcpip:$members" --startport "${HZ[$n]}" --interfaces 127.0.0.1 \
    --clustername "$cluster" --unpackdir "$dir/payara" \
    --prebootcommandfile payara-config/pre-boot-commands.asadmin > "$dir/server.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 300); do
    curl -sf "http://127.0.0.1:${HTTP[$n]}/health" | grep -q '"status":"UP"' && return 0
    sleep 1
  done
  echo "instance $n did not come up; see $dir/server.log" >&2; exit 1
}

# fire PORT...: N runs from fresh visitors (no cookie jar), spread over the given instances;
# with JAR set, from the one visitor whose cookie it keeps
fire() {
  local ports=("$@") i
  for i in $(seq "$N"); do echo "${ports[$((i % ${#ports[@]}))]}"; done |
    xargs -P "$P" -I{} curl -s -o /dev/null -w "%{http_code}\n" -H "Content-Type: application/json" \
      ${JAR:+-b "$JAR" -c "$JAR"} --data-binary @"$WORK/${BODY:-run}.json" "http://127.0.0.1:{}/api/runs" |
    sort | uniq -c | awk '{printf "%s×%s ", $1, $2}'
}

# quantiles PORT: p50 and p99 of the admission timer, in microseconds
quantiles() {
  curl -s "http://127.0.0.1:$1/metrics?scope=application" | awk '
    /^runlab_quota_admission_seconds\{.*quantile="0.5"/ { p50 = $NF }
    /^runlab_quota_admission_seconds\{.*quantile="0.99"/ { p99 = $NF }
    /^runlab_quota_admission_seconds_count/ { count = $NF }
    /^runlab_quota_admission_seconds_max/ { max = $NF }
    END { printf "%.1f µs | %.1f µs | %.1f µs | %d", p50 / 1000, p99 / 1000, max / 1000, count }'
}

start 0 "" "127.0.0.1:${HZ[0]}" "runlab-quota-bench-single"
fire "${HTTP[0]}" > "$WORK/warmup.txt"
SINGLE_STATUS=$(fire "${HTTP[0]}")
SINGLE=$(quantiles "${HTTP[0]}")
cleanup; PIDS=()

# One visitor (cookie kept) whose runs are all admitted: both buckets take a token every time.
NODE_OPTS="-Drunlab.tier.anonymous.runs-per-hour=1000000 -Drunlab.tier.anonymous.runs-per-day=1000000 \
  -Drunlab.quota.anonymous-address-factor=1 -Drunlab.tier.anonymous.concurrent-runs=64 \
  -Drunlab.tier.anonymous.max-queue-seconds=600" \
  start 0 "" "127.0.0.1:${HZ[0]}" "runlab-quota-bench-admitted"
JAR="$WORK/visitor.jar" BODY=wait fire "${HTTP[0]}" > "$WORK/warmup.txt"
ADMITTED_STATUS=$(JAR="$WORK/visitor.jar" BODY=wait fire "${HTTP[0]}")
ADMITTED=$(quantiles "${HTTP[0]}")
cleanup; PIDS=()

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" > /dev/null
CLUSTER="runlab-quota-bench-$$"
start 0 "jdbc:postgresql://127.0.0.1:5432/$DB" "127.0.0.1:${HZ[0]},127.0.0.1:${HZ[1]}" "$CLUSTER"
start 1 "jdbc:postgresql://127.0.0.1:5432/$DB" "127.0.0.1:${HZ[0]},127.0.0.1:${HZ[1]}" "$CLUSTER"
grep -q "DG Size: 2" "$WORK"/node-1/server.log || { echo "no two-member cluster" >&2; exit 1; }
fire "${HTTP[0]}" "${HTTP[1]}" > "$WORK/warmup.txt"
CLUSTER_STATUS=$(fire "${HTTP[0]}" "${HTTP[1]}")
C0=$(quantiles "${HTTP[0]}")
C1=$(quantiles "${HTTP[1]}")
cleanup; PIDS=()
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" > /dev/null || true

. bench/lib.sh
section quota "Quota: admission cost per request" "bench/quota.sh $N $P" \
  "Target: admission p99 under 1 ms on one node." \
"- what: the server's timer \`runlab_quota_admission\` around the quota check of each server run
  (the limits and their revision, then the address's bucket and the visitor's: Bucket4j entry
  processors on Payara's Hazelcast JCache). The limits' revision is known locally (a listener on
  its cache tells every member of a change), so it costs no cluster call.
- refused: each request from a fresh visitor cookie on one address, the abuse pattern: the
  address bucket is exhausted after the first run and a member remembers a refusal for up to 10 s,
  so most requests are refused with no cluster call at all; about one in ten seconds per member pays a
  real entry processor call.
- admitted: one visitor keeping its cookie, limits set high, so every request takes a token from
  both buckets (two entry processor calls) and then really runs (print(1) on the local sandbox,
  \"wait\":true, so the next request comes when it has finished).
- $N requests per phase, $P in parallel (curl), after $N warm-up requests per phase. One node:
  H2, one-member Hazelcast. Two nodes: PostgreSQL, two Hazelcast members on loopback, requests
  alternating, refused pattern.
- answers: refused $SINGLE_STATUS; admitted $ADMITTED_STATUS; two nodes $CLUSTER_STATUS
- quantiles come from MicroProfile Metrics' decaying reservoir (recent samples), in µs.

| setup | p50 | p99 | max | samples |
|---|---|---|---|---|
| one node, refused (fresh visitors) | $SINGLE |
| one node, admitted (one visitor, two buckets) | $ADMITTED |
| two nodes, instance 1, refused | $C0 |
| two nodes, instance 2, refused | $C1 |

Reading the figures: a refusal costs no cluster call (the revision is known locally, a refusal
is remembered), so its p99 is far under 1 ms on one node. A run that takes a token makes two
Bucket4j entry-processor calls, each a hand-over to a Hazelcast partition thread and back; the
same call measured in a tight loop inside the server takes 31 µs at p50 and 75 µs at p99, but
from a request thread on this VM a wake-up of another thread costs 0.2-0.5 ms, so admitted runs
have a p50 under 1 ms and a p99 of several ms. Hazelcast's backoff idle strategy for partition
threads (tried: \`-Dhazelcast.operation.partitionthread.idlestrategy=backoff\`) made it worse on
2 cores (p50 3.0 ms, p99 17 ms). Two more costs sit on that path: Payara pushes its EE
context onto the partition thread for every cache operation (a CDI lookup that walks the stack,
about 70 µs of CPU each, half of all partition-thread CPU in a profile), and G1 pauses of 5-29 ms
come every ~6 s in a 512 MiB instance (\`JAVA_OPTS_EXTRA=-Xlog:gc:file=...\`), yet with ZGC
(\`JAVA_OPTS_EXTRA=-XX:+UseZGC\`) the admitted p99 stayed at 5.3 ms, and so it did with the
sandboxes' cgroup at a lower CPU weight (cpu.shares 64): the tail is neither GC nor the sandboxes
starving the server. Timing each call inside the server shows where it goes: of the admissions
over 2 ms, four in five had one entry-processor call that took 2-5 ms by itself: most likely the
partition thread, or the caller it wakes, waiting for a CPU on this 2-vCPU machine (JIT,
write-behind, Hazelcast and sandbox start-ups all runnable). Target met for refusals, not for
admitted runs.
"
