-- Which instance took each server run, so the runs of an instance that died (kill -9, power loss)
-- can be found and ended as ENGINE_ERROR by the members that live on, or by its own next start.
-- Written for both PostgreSQL 15 and H2 2.2.

ALTER TABLE run_record ADD COLUMN instance VARCHAR(80);

-- Few rows are ever QUEUED or RUNNING; the orphan sweep looks only for those.
CREATE INDEX ix_run_state_instance ON run_record (state, instance);
