package org.runlab.reports;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.runlab.platform.DatabaseMigrator;

/** The stored cost reports and their lines, as the finance pages, the API and the CSV read them. */
@ApplicationScoped
public class CostReports {
  private static final String REPORT = "SELECT id, job_instance_id, execution_id, kind, period_from, period_to, state,"
      + " requested_by, created_at, completed_at, lease_count, lease_seconds, lease_pool_idle_seconds,"
      + " lease_serving_ms, lease_cost, lease_serving_cost, lease_pool_idle_cost, lease_session_idle_cost,"
      + " e2b_elsewhere_cost, open_leases, ledger_cost, ledger_local_cost, ledger_lease_cost, grand_total, difference,"
      + " active_learners, new_signups, free_tiers_cost, budget_month, month_spent, month_budget, month_hard_cap,"
      + " month_forecast FROM cost_report";
  /** Lines, learners named by their e-mail where they have an account. */
  private static final String LINES = "SELECT l.section, l.line_key, l.user_id, COALESCE(u.email, l.label), l.runs,"
      + " l.refused_runs, l.cpu_ms, l.wall_ms, l.cost_usd, l.check_cost_usd FROM cost_report_line l"
      + " LEFT JOIN app_user u ON u.id = l.user_id WHERE l.report_id = ?";

  @Resource(lookup = DatabaseMigrator.DATASOURCE)
  DataSource ds;

  public Optional<CostReport> find(long id) {
    List<CostReport> r = reports(REPORT + " WHERE id = ?", id);
    return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
  }

  /** The report of a job instance (every execution of it, restarts included, shares one). */
  public Optional<CostReport> ofJobInstance(long jobInstance) {
    List<CostReport> r = reports(REPORT + " WHERE job_instance_id = ?", jobInstance);
    return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
  }

  /** The newest reports, newest first. */
  public List<CostReport> recent(int max) {
    return reports(REPORT + " ORDER BY id DESC FETCH FIRST " + Math.max(1, max) + " ROWS ONLY");
  }

  /** The newest completed report, if any. */
  public Optional<CostReport> latestCompleted() {
    List<CostReport> r = reports(REPORT + " WHERE state = 'COMPLETED' ORDER BY completed_at DESC, id DESC"
        + " FETCH FIRST 1 ROWS ONLY");
    return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
  }

  /** A report's lines of one section, the most costly first. */
  public List<ReportLine> lines(long report, String section) {
    List<ReportLine> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(LINES + " AND l.section = ? ORDER BY l.cost_usd DESC, l.line_key")) {
      ps.setLong(1, report);
      ps.setString(2, section);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String key = rs.getString(2);
          String label = "LEARNER".equals(section) ? Learners.label(key, rs.getString(4)) : rs.getString(4);
          out.add(new ReportLine(rs.getString(1), key, rs.getObject(3, java.util.UUID.class), label, rs.getLong(5),
              rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getBigDecimal(9), rs.getBigDecimal(10)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the lines of cost report " + report, e);
    }
    return out;
  }

  private List<CostReport> reports(String sql, Object... params) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = Sql.bind(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      List<CostReport> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new CostReport(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
            rs.getDate(5).toLocalDate(), rs.getDate(6).toLocalDate(), rs.getString(7), rs.getString(8),
            instant(rs.getObject(9, OffsetDateTime.class)), instant(rs.getObject(10, OffsetDateTime.class)),
            rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14), rs.getBigDecimal(15), rs.getBigDecimal(16),
            rs.getBigDecimal(17), rs.getBigDecimal(18), rs.getBigDecimal(19), rs.getLong(20), rs.getBigDecimal(21),
            rs.getBigDecimal(22), rs.getBigDecimal(23), rs.getBigDecimal(24), rs.getBigDecimal(25), rs.getLong(26),
            rs.getLong(27), rs.getBigDecimal(28), rs.getString(29), rs.getBigDecimal(30), rs.getBigDecimal(31),
            rs.getBigDecimal(32), rs.getBigDecimal(33)));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read cost reports", e);
    }
  }

  private static java.time.Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
