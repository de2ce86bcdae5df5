#!/usr/bin/env bash
# Times the cost-report job over a month of 1,000,000 ledger rows on PostgreSQL, with the server's
# heap (jstat): seeds a database with bench/seed-ledger.sql, starts one Payara Micro instance on it
# (-Xmx512m), makes the month's report through the API (bench/ReportBench.java) and writes its
# section of bench/RESULTS.md. Aim: under 60 s on a 2-core machine, in bounded memory.
# Usage: bench/reports.sh [rows] [learners]   (needs root for the PostgreSQL superuser; builds the WAR if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
ROWS=${1:-1000000}
LEARNERS=${2:-20000}
WORK="$PWD/target/bench-reports"
DB=runlab_bench_reports
HTTP=20110
HZ=20111
HEAP=${HEAP:-512m}
MONTH_START=$(date -u -d "$(date -u +%Y-%m-01) -1 month" +%Y-%m-%d)
MONTH_END=$(date -u -d "$(date -u +%Y-%m-01) -1 day" +%Y-%m-%d)
rm -rf "$WORK" && mkdir -p "$WORK"
[ -f target/runlab.war ] || mvn -B -q package -DskipTests
psql_admin() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- psql -q "$@"; else sudo -u postgres psql -q "$@"; fi; }
PID=""
# Stops the server, then drops its database (a connection still open would keep it).
cleanup() {
  [ -z "$PID" ] || { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; }
  psql_admin -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
  rm -rf /dev/shm/runlab-bench-reports
}
trap cleanup EXIT

psql_admin -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
start() {
  java -Xmx"$HEAP" -Dhazelcast.socket.bind.any=false -Djava.io.tmpdir="$WORK" -Drunlab.data-dir="$WORK/data" \
    -Drunlab.db.url="jdbc:postgresql://127.0.0.1:5432/$DB" -Drunlab.db.user=postgres -Drunlab.db.password=postgres \
    -Drunlab.admin.password=bench-Secret-9 -Drunlab.e2b.api-key= -Drunlab.local.pool.plain-size=1 \
    -Drunlab.local.pool.scientific-size=0 -Drunlab.batch.cost-report.schedule=off \
    -Drunlab.batch.anomaly-scan.schedule=off -Drunlab.local.cgroup-parent=runlab-bench-reports \
    -Drunlab.local.work-root=/dev/shm/runlab-bench-reports \
    -jar target/payara-micro.jar --deploy target/runlab.war --contextroot / --port "$HTTP" --disablephonehome \
    --clustermode "tcpip:127.0.0.1:$HZ" --startport "$HZ" --interfaces 127.0.0.1 --clustername runlab-bench-reports \
    --unpackdir "$WORK/payara" --prebootcommandfile payara-config/pre-boot-commands.asadmin > "$WORK/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 400); do
    curl -sf "http://127.0.0.1:$HTTP/health" | grep -q '"status":"UP"' && return 0
    sleep 1
  done
  echo "Runlab did not come up; see $WORK/server.log" >&2; exit 1
}
start   # Flyway makes the schema
echo "seeding $ROWS runs of $MONTH_START..$MONTH_END" >&2
t0=$(date +%s.%N)
psql_admin -d "$DB" -v rows="$ROWS" -v learners="$LEARNERS" -v month_start="$MONTH_START" -f bench/seed-ledger.sql >/dev/null
seed_s=$(echo "$(date +%s.%N) - $t0" | bc)
rows_in=$(psql_admin -d "$DB" -tAc "SELECT COUNT(*) FROM run_record")
leases_in=$(psql_admin -d "$DB" -tAc "SELECT COUNT(*) FROM sandbox_lease")

# Heap of the server while the report runs: jstat every second (used = survivors + eden + old, in MB).
jstat -gc "$PID" 1000 > "$WORK/jstat.txt" &
JSTAT=$!
java bench/ReportBench.java "http://127.0.0.1:$HTTP/" bench-Secret-9 "$MONTH_START" "$MONTH_END" > "$WORK/result.txt" 2> "$WORK/progress.txt"
kill "$JSTAT" 2>/dev/null || true
cat "$WORK/progress.txt" >&2; cat "$WORK/result.txt" >&2
heap=$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { used = ($3 + $4 + $6 + $8) / 1024; if (used > max) max = used;
  if ($8 / 1024 > oldmax) oldmax = $8 / 1024; fgc = $(NF-4); if (NR == 2) fgc0 = fgc }
  END { printf "max heap used %.0f MB (old generation at most %.0f MB), full GCs during the report: %d", max, oldmax, fgc - fgc0 }' "$WORK/jstat.txt")
get() { grep "^$1=" "$WORK/result.txt" | cut -d= -f2; }
section reports "Cost report: a month of 1,000,000 ledger rows" "bench/reports.sh $ROWS $LEARNERS" \
  "Target: the cost-report job over a month of 1,000,000 ledger rows on PostgreSQL under 60 s, in bounded memory (chunks, not one big list)." \
"| figure | value |
|---|---|
| ledger rows in the month / leases | $rows_in / $leases_in ($LEARNERS learners, month $MONTH_START to $MONTH_END) |
| seeding (bench/seed-ledger.sql) | $(printf '%.1f' "$seed_s") s |
| report, POST to COMPLETED | **$(get seconds) s** (chunk size 2000) |
| heap (-Xmx$HEAP, jstat every second) | $heap |
| grand total / reconciliation difference | \$$(get grandTotalUsd) / $(get differenceUsd) (reconciled: $(get reconciled)) |

Progress as the client saw it (seconds, percent): $(tr '\n' ';' < "$WORK/progress.txt" | tr -s ' ')"
