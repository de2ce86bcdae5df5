package org.runlab.reports;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The E2B leases that ended in the period, by end time: a lease is priced (and its cost billed to
 * a period) when it ends, as the budget counts it.
 */
@Dependent
@Named("leaseReader")
public class LeaseReader extends KeysetReader<LeaseRow> {
  @Override
  String pageQuery() {
    return "SELECT id, ended_at, COALESCE(billed_seconds, 0), COALESCE(idle_pool_seconds, 0), COALESCE(cost_usd, 0),"
        + " COALESCE(idle_pool_cost_usd, 0) FROM sandbox_lease WHERE " + after("ended_at")
        + " ORDER BY ended_at, id FETCH FIRST ? ROWS ONLY";
  }

  @Override
  String countQuery(boolean upTo) {
    return "SELECT COUNT(*) FROM sandbox_lease WHERE " + upTo("ended_at", upTo);
  }

  @Override
  LeaseRow row(ResultSet rs) throws SQLException {
    return new LeaseRow(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class), rs.getLong(3),
        rs.getLong(4), rs.getBigDecimal(5), rs.getBigDecimal(6));
  }

  @Override
  Keyset keyOf(LeaseRow row) {
    return new Keyset(row.endedAt(), row.id());
  }
}
