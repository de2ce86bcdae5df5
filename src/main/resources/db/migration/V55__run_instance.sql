-- Which instance took each server run, so the runs of an instance that died (kill -9, power loss)
-- can be found and ended as ENGINE_ERROR by the members that live on, or by its own next start.
-- Written for both PostgreSQL 15 and H2 2.2.

ALTER TABLE run_record ADD COLUMN instance VARCHAR(80);

-- Few rows are ever QUEUED or RUNNING; the orphan sweep looks only for those.
CREATE INDEX ix_run_state_instance ON run_record (state, instance);

-- Each instance's last sign of life, written every few seconds by the instance itself with the
-- database's clock: an instance whose beat is older than a few beats is dead, and its unfinished
-- runs end as ENGINE_ERROR. In the database rather than the cluster's shared memory, so it
-- survives every member dying and needs no cluster.
CREATE TABLE instance_beat (
  instance VARCHAR(80)              NOT NULL PRIMARY KEY,
  beat_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
