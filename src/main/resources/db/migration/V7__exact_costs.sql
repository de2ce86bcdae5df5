-- Costs are kept exact, to be summed before they are rounded: a 5 ms local run costs about
-- 1e-7 USD, which six decimals stored as 0. 16 decimals hold every price times a millisecond
-- or a MiB / 1024 share exactly.
ALTER TABLE run_record ALTER COLUMN cost_usd SET DATA TYPE NUMERIC(30, 16);
ALTER TABLE daily_usage ALTER COLUMN cost_usd SET DATA TYPE NUMERIC(30, 16);
ALTER TABLE sandbox_lease ALTER COLUMN cost_usd SET DATA TYPE NUMERIC(30, 16);
ALTER TABLE sandbox_lease ALTER COLUMN idle_pool_cost_usd SET DATA TYPE NUMERIC(30, 16);
