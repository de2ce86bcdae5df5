-- Runlab schema, part 3: one lease per E2B sandbox, priced when it ends.
-- Written for both PostgreSQL 15 and H2 2.2: standard types only.

CREATE TABLE sandbox_lease (
  id                 UUID                     NOT NULL PRIMARY KEY,
  sandbox_id         VARCHAR(64)              NOT NULL,
  template           VARCHAR(100)             NOT NULL,
  vcpus              INT                      NOT NULL,
  memory_mb          INT                      NOT NULL,
  purpose            VARCHAR(16)              NOT NULL,
  learner            VARCHAR(200),
  created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  claimed_at         TIMESTAMP WITH TIME ZONE,
  ended_at           TIMESTAMP WITH TIME ZONE,
  billed_seconds     BIGINT,
  idle_pool_seconds  BIGINT,
  cost_usd           NUMERIC(18, 6),
  idle_pool_cost_usd NUMERIC(18, 6),
  CONSTRAINT ck_sandbox_lease_purpose CHECK (purpose IN ('POOL', 'SESSION')),
  CONSTRAINT ck_sandbox_lease_size CHECK (vcpus >= 0 AND memory_mb >= 0),
  CONSTRAINT ck_sandbox_lease_ended CHECK (ended_at IS NULL OR cost_usd IS NOT NULL)
);

CREATE INDEX ix_sandbox_lease_sandbox ON sandbox_lease (sandbox_id);
CREATE INDEX ix_sandbox_lease_created ON sandbox_lease (created_at);
CREATE INDEX ix_sandbox_lease_learner ON sandbox_lease (learner);
