#!/usr/bin/env bash
# Called by bench/api.sh when BEFORE=<git ref> is set (see there): the run API's cost before and
# after a change, one server after the other in one run, both on PostgreSQL.
# Usage: bench/api-ledger.sh REF [runs per level]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ref=$1
runs=${2:-96}
slot=${RUNLAB_TEST_SLOT:-0}
port=$((18190 + slot))
before=target/bench-before
rev=$(git rev-parse --short "$ref")
now=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo "+changes")
if [ ! -f "$before/$rev/target/runlab.war" ]; then
  rm -rf "$before" && mkdir -p "$before/$rev"
  git archive "$rev" | tar -x -C "$before/$rev"
  (cd "$before/$rev" && mvn -B -q -o package -DskipTests)
fi
cp target/payara-micro.jar "$before/$rev/target/payara-micro.jar"

# One side: a fresh database, its server, the API-only load; prints ApiBench's Markdown.
measure() {
  local root=$1 name=$2 db="runlab_bench_ledger_$slot" hz=$((7100 + slot)) data server_pid
  data=$(pwd)/target/bench-ledger-$name
  rm -rf "$data"
  mkdir -p "$data"
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" postgres >/dev/null
  # Payara Micro started directly, as bin/runlab start does, but waited for as long as a loaded
  # machine needs (bin/runlab start gives up after 300 s).
  java -Xmx1g -Dhazelcast.socket.bind.any=false -Drunlab.data-dir="$data" \
    -Drunlab.db.url=jdbc:postgresql://127.0.0.1:5432/$db -Drunlab.db.user=postgres \
    -Drunlab.db.password=postgres -Drunlab.e2b.api-key= -Drunlab.tier.anonymous.choose-engine=true \
    -Drunlab.tier.anonymous.runs-per-hour=1000000 -Drunlab.tier.anonymous.runs-per-day=1000000 \
    -Drunlab.tier.anonymous.concurrent-runs=64 -Drunlab.run.concurrency=32 \
    -Drunlab.local.cgroup-parent=runlab-bench-ledger-$slot -Drunlab.local.work-root=/dev/shm/runlab-bench-ledger-$slot \
    -jar "$root/target/payara-micro.jar" --deploy "$root/target/runlab.war" --contextroot / --port "$port" \
    --disablephonehome --clustermode "tcpip:127.0.0.1:$hz" --startport "$hz" --interfaces 127.0.0.1 \
    --clustername "runlab-bench-ledger-$slot" --unpackdir "$data/payara" \
    --prebootcommandfile "$root/payara-config/pre-boot-commands.asadmin" > "$data.out" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 1200); do
    curl -fsS "http://127.0.0.1:$port/health/ready" 2>/dev/null | grep -q '"status":"UP"' && break
    kill -0 "$server_pid" 2>/dev/null || { tail -40 "$data.out" >&2; exit 1; }
    sleep 1
  done
  curl -fsS "http://127.0.0.1:$port/health/ready" 2>/dev/null | grep -q '"status":"UP"' \
    || { tail -40 "$data.out" >&2; kill "$server_pid"; exit 1; }
  java -Dbench.api-only=true -Dbench.places="runlab-bench-ledger-engine-$slot" -Dbench.warmup="${WARM_UP:-300}" -Dbench.quiet-rounds="${QUIET_ROUNDS:-6}" \
    -Dbench.levels="${LEVELS:-1,8}" -Dbench.server-pid="$server_pid" \
    -cp "target/classes:target/test-classes:$(cat target/bench.cp)" org.runlab.bench.ApiBench \
    "http://127.0.0.1:$port/" "$runs"
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $db" postgres >/dev/null || true
}

out_before=$(measure "$before/$rev" before)
out_after=$(measure . after)
section api-ledger "Run API: the ledger committed before the answer (group commit), before and after" \
  "BEFORE=$ref bench/api.sh $runs" \
  "What committing each run's record, end and usage before answering costs against writing them behind the answer." \
"- what: \`POST /api/runs\` {\"wait\":true} for print('hi') on the local engine (API only, as in the
  \"Run API overhead\" section), against a server built from $rev (the ledger written behind the
  answer, every 100 ms) and one built from $now (each run's record committed before it starts
  and its end before the answer, by group commit), one after the other, each on a fresh
  PostgreSQL 15 database on this machine (synchronous_commit on, so each commit waits for its
  WAL flush). Warm-up ${WARM_UP:-300} runs, then ${QUIET_ROUNDS:-6} rounds of 500.

### before ($rev: written behind the answer)

$out_before

### after ($now: group commit before the answer)

$out_after"
