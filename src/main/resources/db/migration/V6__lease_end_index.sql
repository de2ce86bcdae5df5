-- Runlab schema, part 6: the budget sums the leases ended in a range (the last hour's, every ten
-- seconds) and reads the open ones (ended_at IS NULL); both go through this index instead of
-- scanning every lease ever made. Written for both PostgreSQL 15 and H2 2.2.

CREATE INDEX ix_sandbox_lease_ended ON sandbox_lease (ended_at);
