# Shared by bench/load.sh and bench/soak.sh: Runlab on PostgreSQL (one instance, or a cluster
# behind HAProxy), Gatling's learner mix against it, and the report. Sourced, not run.
# Everything is named after the test slot (RUNLAB_TEST_SLOT, default 5), so a load test can run
# beside the test suite and other instances on one host.

SLOT=${RUNLAB_TEST_SLOT:-5}
[[ $SLOT =~ ^[0-9]$ ]] || { echo "RUNLAB_TEST_SLOT is 0 to 9" >&2; exit 1; }
# LOAD_NAME keeps a soak and a load test apart when both run at once (port, database, directories).
LOAD_NAME=${LOAD_NAME:-load}
PORT=${PORT:-$((18080 + SLOT * 100))}
DB=runlab_${LOAD_NAME}_$SLOT
DATA=target/$LOAD_NAME-$SLOT
GATLING_DIR=bench/gatling
SERVER_PIDS=()

psql_admin() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q "$@"
  else sudo -u postgres psql -v ON_ERROR_STOP=1 -q "$@"; fi
}

# Builds Runlab and the simulation, and gives the slot a fresh database.
load_prepare() {
  mvn -B -q package -DskipTests
  mvn -B -q -f "$GATLING_DIR/pom.xml" test-compile
  psql_admin -d postgres -v db="$DB" <<'SQL' >/dev/null
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :'db';
DROP DATABASE IF EXISTS :"db";
SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'db') AS role_missing \gset
\if :role_missing
  CREATE ROLE :"db" LOGIN PASSWORD :'db';
\endif
CREATE DATABASE :"db" OWNER :"db";
SQL
  rm -rf "$DATA"
  mkdir -p "$DATA"
}

# A lone instance's options: HAProxy's address trusted as in a cluster, and sandbox directories and
# cgroups of the slot's own.
load_java_opts() {
  echo "-Xmx1g -Drunlab.trusted-proxies=127.0.0.1 -Drunlab.local.cgroup-parent=runlab-$LOAD_NAME-$SLOT-$1 \
-Drunlab.local.work-root=/dev/shm/runlab-$LOAD_NAME-$SLOT-$1 ${LOAD_JAVA_OPTS:-}"
}

load_stop_servers() {
  local p
  for p in "${SERVER_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${SERVER_PIDS[@]}"; do while kill -0 "$p" 2>/dev/null; do sleep 1; done; done
  [ -z "${STARTER:-}" ] || { kill "$STARTER" 2>/dev/null || true; wait "$STARTER" 2>/dev/null || true; }
}

# One instance on $PORT (MEMBERS=1), or `bin/runlab cluster 2` behind HAProxy on $PORT.
load_start_servers() {
  MEMBERS=${MEMBERS:-1}
  export RUNLAB_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" RUNLAB_DB_USER="$DB" RUNLAB_DB_PASSWORD="$DB"
  if curl -s -o /dev/null -m 2 "http://127.0.0.1:$PORT/"; then
    echo "port $PORT is taken: stop what runs there, or set PORT or RUNLAB_TEST_SLOT" >&2
    exit 1
  fi
  trap load_stop_servers EXIT
  if [ "$MEMBERS" -gt 1 ]; then
    # bin/runlab cluster gives each member its own sandbox directory and cgroup (these plus its port).
    RUNLAB_JAVA_OPTS="-Xmx1g ${LOAD_JAVA_OPTS:-}" RUNLAB_LOCAL_WORK_ROOT=/dev/shm/runlab-$LOAD_NAME-$SLOT \
      RUNLAB_LOCAL_CGROUP_PARENT=runlab-$LOAD_NAME-$SLOT \
      bin/runlab cluster "$MEMBERS" --no-install --no-build --port "$PORT" --data-dir "$DATA" > "$DATA/start.out" 2>&1 &
  else
    RUNLAB_JAVA_OPTS="$(load_java_opts 1)" bin/runlab start --no-install --no-build \
      --port "$PORT" --data-dir "$DATA" > "$DATA/start.out" 2>&1 &
  fi
  STARTER=$!
  # A member takes about a minute on an idle machine; a cluster starts its members one after the other,
  # and on a busy shared machine each can take several minutes.
  for _ in $(seq 1 1500); do
    grep -q "is ready" "$DATA/start.out" 2>/dev/null && break
    kill -0 $STARTER 2>/dev/null || break
    sleep 1
  done
  grep -q "is ready" "$DATA/start.out" || { cat "$DATA/start.out"; exit 1; }
  mapfile -t SERVER_PIDS < <(pgrep -f -- "payara-micro.jar.*--data-dir $PWD/$DATA|-Drunlab.data-dir=$PWD/$DATA" || true)
  [ ${#SERVER_PIDS[@]} -gt 0 ] || mapfile -t SERVER_PIDS < <(pgrep -f -- "payara-micro.jar.*--port $PORT")
  echo "servers: ${SERVER_PIDS[*]}" >&2
}

# utime+stime of the servers in clock ticks, and the machine's busy ticks (/proc/stat).
server_ticks() {
  local sum=0 p
  for p in "${SERVER_PIDS[@]}"; do
    sum=$((sum + $(sed 's/.*) //' "/proc/$p/stat" | awk '{print $12 + $13}')))
  done
  echo "$sum"
}
machine_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8}' /proc/stat; }

# load_run_gatling SECONDS LEARNERS VISITORS ABUSERS: the mix's arrivals for SECONDS (per minute).
load_run_gatling() {
  local t0 m0
  COUNTS=$PWD/$DATA/counts.properties
  t0=$(server_ticks); m0=$(machine_ticks)
  LOAD_STARTED=$(date +%s)
  mvn -B -q -f "$GATLING_DIR/pom.xml" gatling:test -Dbase="http://127.0.0.1:$PORT" -Dduration="$1" \
    -DlearnersPerMinute="$2" -DvisitorsPerMinute="$3" -DabusersPerMinute="$4" \
    -Dlessons="${LESSONS:-6}" -Dthink="${THINK:-6}" -Dcounts="$COUNTS" > "$DATA/gatling.out" 2>&1 || true
  LOAD_SECONDS=$(( $(date +%s) - LOAD_STARTED ))
  SERVER_CPU_MS=$(( ($(server_ticks) - t0) * 10 ))
  MACHINE_CPU_MS=$(( ($(machine_ticks) - m0) * 10 ))
  REPORT_DIR=$(ls -dt "$GATLING_DIR"/target/gatling/learnermix-* | head -1)
  sleep 5 # the ledger's write-behind
}

# load_report SECTION TITLE COMMAND: the figures into bench/RESULTS.md.
load_report() {
  local ledger body
  ledger=$(psql_admin -d "$DB" -At -F ' ' -c \
    "SELECT engine, state, coalesce(verdict, '-'), count(*) FROM run_record GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")
  body=$(python3 bench/load-report.py "$REPORT_DIR" "$COUNTS" "$SERVER_CPU_MS" "$MACHINE_CPU_MS" \
    "$LOAD_SECONDS" "$MEMBERS" "$ledger" "${EXTRA_NOTES:-}")
  section "$1" "$2" "$3" "Target: no errors but the abusive visitors' 429s; the ledger holds every accepted run." "$body"
}
