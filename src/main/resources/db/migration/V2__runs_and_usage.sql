-- Runlab schema, part 2: every run, browser runs included, is a usage record (the ledger).
-- Written for both PostgreSQL 15 and H2 2.2.

CREATE TABLE run_record (
  id                UUID                     NOT NULL PRIMARY KEY,
  owner_key         VARCHAR(80)              NOT NULL,
  user_id           UUID,
  tier              VARCHAR(16)              NOT NULL,
  client_address    VARCHAR(64),
  lesson_slug       VARCHAR(80),
  requested_engine  VARCHAR(16)              NOT NULL,
  engine            VARCHAR(16)              NOT NULL,
  state             VARCHAR(16)              NOT NULL,
  verdict           VARCHAR(20),
  exit_code         INT,
  wall_time_ms      BIGINT                   NOT NULL DEFAULT 0,
  cpu_time_ms       BIGINT                   NOT NULL DEFAULT 0,
  peak_memory_bytes BIGINT                   NOT NULL DEFAULT 0,
  output_bytes      BIGINT                   NOT NULL DEFAULT 0,
  file_count        INT                      NOT NULL,
  code_bytes        BIGINT                   NOT NULL,
  reasons           VARCHAR(4000)            NOT NULL,
  notices           VARCHAR(4000),
  stdout            VARCHAR,
  stderr            VARCHAR,
  stdout_truncated  BOOLEAN                  NOT NULL DEFAULT FALSE,
  stderr_truncated  BOOLEAN                  NOT NULL DEFAULT FALSE,
  cost_usd          NUMERIC(18, 6)           NOT NULL DEFAULT 0,
  lease_id          UUID,
  created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  started_at        TIMESTAMP WITH TIME ZONE,
  finished_at       TIMESTAMP WITH TIME ZONE,
  CONSTRAINT ck_run_state CHECK (state IN ('QUEUED', 'RUNNING', 'FINISHED', 'BROWSER'))
);

CREATE INDEX ix_run_owner_created ON run_record (owner_key, created_at);
CREATE INDEX ix_run_lesson_owner ON run_record (lesson_slug, owner_key);
CREATE INDEX ix_run_created ON run_record (created_at);
