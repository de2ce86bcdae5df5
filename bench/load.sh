#!/usr/bin/env bash
# The load test (issue 16): Gatling's learner mix (bench/gatling, LearnerMix) against Runlab on
# PostgreSQL, then the figures into bench/RESULTS.md: throughput, p50/p95/p99 per request kind,
# errors, server CPU per run, and the ledger's count against the runs Gatling saw accepted.
# With MEMBERS=2 (the default when `bin/runlab cluster` exists) two members run behind HAProxy;
# otherwise one instance takes the load directly. Needs root (local sandbox, PostgreSQL admin).
# Usage: bench/load.sh [seconds]   (default 300)
#   LEARNERS=12 VISITORS=12 ABUSERS=30: arrivals per minute; LESSONS=6 work loops a learner;
#   THINK=6 seconds between steps; MEMBERS=1|2; RUNLAB_TEST_SLOT=5 picks ports, database, dirs.
#   SECTION=load: the RESULTS.md section written (bench/soak.sh uses this script's parts).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
. bench/load-lib.sh
seconds=${1:-300}
load_prepare
load_start_servers
load_run_gatling "$seconds" "${LEARNERS:-12}" "${VISITORS:-12}" "${ABUSERS:-30}"
load_report "${SECTION:-load}" "Load test: the learner mix with Gatling" "bench/load.sh $seconds"
