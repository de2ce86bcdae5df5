package org.runlab.reports;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The period's runs from the ledger ({@code run_record}), by creation time, a page at a time. */
@Dependent
@Named("runRecordReader")
public class RunRecordReader extends KeysetReader<LedgerRow> {
  @Override
  String pageQuery() {
    return "SELECT id, created_at, owner_key, user_id, tier, engine, lesson_slug, cpu_time_ms, wall_time_ms, cost_usd"
        + " FROM run_record WHERE " + after("created_at") + " ORDER BY created_at, id FETCH FIRST ? ROWS ONLY";
  }

  @Override
  String countQuery(boolean upTo) {
    return "SELECT COUNT(*) FROM run_record WHERE " + upTo("created_at", upTo);
  }

  @Override
  LedgerRow row(ResultSet rs) throws SQLException {
    return new LedgerRow(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
        rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8),
        rs.getLong(9), rs.getBigDecimal(10));
  }

  @Override
  Keyset keyOf(LedgerRow row) {
    return new Keyset(row.createdAt(), row.id());
  }
}
