-- Seeds a month of ledger for bench/reports.sh: :rows runs spread evenly over the month that starts
-- at :'month_start' (UTC), by :learners learners on three tiers and three engines, priced as
-- Runlab's defaults price them (local: 0.00002 USD a CPU second; E2B 2 vCPU / 512 MiB: 0.00003025
-- USD a second), every 50th E2B run opening a session lease that ends 10 minutes after it, plus one
-- warm-pool lease per hour that nobody claimed. Run with psql -v rows=1000000 -v learners=20000
-- -v month_start=2026-11-01.
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE seed_runs ON COMMIT DROP AS
SELECT g,
       CASE WHEN g % 4 = 0 THEN 'browser' WHEN g % 10 = 3 THEN 'e2b' ELSE 'local' END AS engine,
       (g % 2000) + 1 AS cpu,
       (g % 2000) + 40 AS wall,
       (:'month_start'::timestamptz
         + ((g::numeric / :rows) * extract(epoch FROM (:'month_start'::timestamptz + interval '1 month')
              - :'month_start'::timestamptz)) * interval '1 second') AS at
FROM generate_series(1, :rows) g;

INSERT INTO run_record (id, owner_key, tier, client_address, lesson_slug, requested_engine, engine, state, verdict,
                        cpu_time_ms, wall_time_ms, output_bytes, file_count, code_bytes, reasons, cost_usd, lease_id,
                        created_at)
SELECT gen_random_uuid(),
       'anon:bench-' || lpad((g % :learners)::text, 8, '0'),
       (ARRAY['ANONYMOUS', 'FREE', 'PAID'])[1 + g % 3],
       '198.18.' || (g % 200) || '.' || (g % 250),
       'lesson-' || (g % 40),
       'auto', engine, 'FINISHED', CASE WHEN g % 97 = 0 THEN 'TIME_LIMIT' ELSE 'OK' END,
       CASE WHEN engine = 'local' THEN cpu ELSE 0 END, wall, 120, 1, 200, '[]',
       CASE engine WHEN 'local' THEN 0.00002 * cpu / 1000 WHEN 'e2b' THEN 0.00003025 * wall / 1000 ELSE 0 END,
       CASE WHEN engine = 'e2b' THEN md5('bench-lease-' || (g / 500))::uuid END,
       at
FROM seed_runs;

-- One session lease per 50 E2B runs (the E2B runs among each 500 consecutive rows), from its first run to
-- ten minutes after its last.
INSERT INTO sandbox_lease (id, sandbox_id, template, vcpus, memory_mb, purpose, learner, created_at, claimed_at,
                           ended_at, billed_seconds, idle_pool_seconds, cost_usd, idle_pool_cost_usd)
SELECT md5('bench-lease-' || k)::uuid, 'sbx-bench-' || k, 'code-interpreter-v1', 2, 512, 'POOL', 'anon:bench',
       first_at - interval '30 seconds', first_at, last_at + interval '10 minutes',
       ceil(extract(epoch FROM (last_at + interval '10 minutes' - (first_at - interval '30 seconds'))))::bigint, 30,
       0.00003025 * ceil(extract(epoch FROM (last_at + interval '10 minutes' - (first_at - interval '30 seconds')))),
       0.00003025 * 30
FROM (SELECT g / 500 AS k, min(at) AS first_at, max(at) AS last_at FROM seed_runs WHERE engine = 'e2b'
      GROUP BY g / 500) leases;

INSERT INTO sandbox_lease (id, sandbox_id, template, vcpus, memory_mb, purpose, created_at, ended_at, billed_seconds,
                           idle_pool_seconds, cost_usd, idle_pool_cost_usd)
SELECT gen_random_uuid(), 'sbx-pool-' || h, 'code-interpreter-v1', 2, 512, 'POOL',
       :'month_start'::timestamptz + h * interval '1 hour',
       :'month_start'::timestamptz + h * interval '1 hour' + interval '55 minutes', 3300, 3300,
       0.00003025 * 3300, 0.00003025 * 3300
FROM generate_series(0, 24 * 28 - 1) h;
COMMIT;
ANALYZE run_record;
ANALYZE sandbox_lease;
