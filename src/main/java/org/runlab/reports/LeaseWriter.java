package org.runlab.reports;

import jakarta.annotation.Resource;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.runlab.platform.DatabaseMigrator;

/**
 * Splits a chunk of leases into what E2B billed and why: serving runs (the ledger's shares of the
 * runs each lease served), idle in the warm pool before a learner took it, and idle in a kept
 * session after (the rest), and adds them to the report, in the chunk's transaction.
 */
@Dependent
@Named("leaseWriter")
public class LeaseWriter extends AbstractItemWriter {
  @Inject JobContext job;
  @Inject BatchPacing pacing;

  @Resource(lookup = DatabaseMigrator.DATASOURCE)
  DataSource ds;

  private long reportId;

  @Override
  public void open(Serializable checkpoint) throws SQLException {
    reportId = CostReportOpen.reportOf(ds, job.getInstanceId());
  }

  /** A chunk's lease figures. */
  record Split(long leases, long seconds, long poolIdleSeconds, long servingMs, BigDecimal cost, BigDecimal serving,
      BigDecimal poolIdle, BigDecimal sessionIdle) {}

  @Override
  public void writeItems(List<Object> items) throws SQLException {
    try (Connection c = ds.getConnection()) {
      Map<UUID, Object[]> served = servedBy(c, items);
      Split s = split(items, served);
      try (PreparedStatement ps = c.prepareStatement("UPDATE cost_report SET lease_count = lease_count + ?,"
          + " lease_seconds = lease_seconds + ?, lease_pool_idle_seconds = lease_pool_idle_seconds + ?,"
          + " lease_serving_ms = lease_serving_ms + ?, lease_cost = lease_cost + ?,"
          + " lease_serving_cost = lease_serving_cost + ?, lease_pool_idle_cost = lease_pool_idle_cost + ?,"
          + " lease_session_idle_cost = lease_session_idle_cost + ? WHERE id = ?")) {
        ps.setLong(1, s.leases());
        ps.setLong(2, s.seconds());
        ps.setLong(3, s.poolIdleSeconds());
        ps.setLong(4, s.servingMs());
        ps.setBigDecimal(5, s.cost());
        ps.setBigDecimal(6, s.serving());
        ps.setBigDecimal(7, s.poolIdle());
        ps.setBigDecimal(8, s.sessionIdle());
        ps.setLong(9, reportId);
        ps.executeUpdate();
      }
    }
    pacing.pause();
  }

  /** The chunk's leases, each split: whatever serving and pool idle leave is kept-session idle. */
  static Split split(List<Object> items, Map<UUID, Object[]> served) {
    long seconds = 0;
    long poolIdleSeconds = 0;
    long servingMs = 0;
    BigDecimal cost = BigDecimal.ZERO;
    BigDecimal serving = BigDecimal.ZERO;
    BigDecimal poolIdle = BigDecimal.ZERO;
    for (Object o : items) {
      LeaseRow l = (LeaseRow) o;
      Object[] runs = served.get(l.id());
      seconds += l.billedSeconds();
      poolIdleSeconds += l.poolIdleSeconds();
      cost = cost.add(l.cost());
      poolIdle = poolIdle.add(l.poolIdleCost());
      if (runs != null) {
        serving = serving.add((BigDecimal) runs[0]);
        servingMs += (Long) runs[1];
      }
    }
    return new Split(items.size(), seconds, poolIdleSeconds, servingMs, cost, serving, poolIdle,
        cost.subtract(serving).subtract(poolIdle));
  }

  /** Per lease of the chunk: the cost and wall time of the runs it served, as the ledger has them. */
  private static Map<UUID, Object[]> servedBy(Connection c, List<Object> items) throws SQLException {
    Map<UUID, Object[]> out = new HashMap<>();
    if (items.isEmpty()) {
      return out;
    }
    String marks = String.join(", ", java.util.Collections.nCopies(items.size(), "?"));
    try (PreparedStatement ps = c.prepareStatement("SELECT lease_id, SUM(cost_usd), SUM(wall_time_ms) FROM run_record"
        + " WHERE lease_id IN (" + marks + ") GROUP BY lease_id")) {
      for (int i = 0; i < items.size(); i++) {
        ps.setObject(i + 1, ((LeaseRow) items.get(i)).id());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getObject(1, UUID.class), new Object[] {rs.getBigDecimal(2), rs.getLong(3)});
        }
      }
    }
    return out;
  }
}
