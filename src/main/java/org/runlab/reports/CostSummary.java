package org.runlab.reports;

import jakarta.annotation.Resource;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.runlab.budget.BudgetGuard;
import org.runlab.platform.DatabaseMigrator;

/**
 * The cost report's last step: checks the summed lines against the ledger and the leases straight
 * from the database and stores that reconciliation, the grand total (local runs plus the leases
 * billed in the period), the most expensive runs, learners and sign-ups, and the month against the
 * budget with its forecast. Idempotent: a restart may run it again.
 */
@Dependent
@Named("costSummary")
public class CostSummary extends AbstractBatchlet {
  static final int TOP_RUNS = 20;

  @Inject JobContext job;
  @Inject BudgetGuard budget;
  @Inject @BatchProperty String from;
  @Inject @BatchProperty String to;

  @Resource(lookup = DatabaseMigrator.DATASOURCE)
  DataSource ds;

  @Override
  public String process() throws SQLException {
    long report = CostReportOpen.reportOf(ds, job.getInstanceId());
    Period p = Period.of(from, to);
    try (Connection c = ds.getConnection()) {
      Ledger ledger = ledger(c, p);
      check(c, report, "TIER", ledger.byTier());
      check(c, report, "ENGINE", ledger.byEngine());
      learners(c, report, p);
      refusedPerTier(c, report, p);
      topRuns(c, report, p);
      BigDecimal leases = sum(c, "SELECT COALESCE(SUM(cost_usd), 0) FROM sandbox_lease WHERE ended_at >= ? AND ended_at < ?", p);
      BigDecimal elsewhere = sum(c, "SELECT COALESCE(SUM(r.cost_usd), 0) FROM run_record r"
          + " LEFT JOIN sandbox_lease l ON l.id = r.lease_id WHERE r.created_at >= ? AND r.created_at < ? AND r.engine = 'e2b'"
          + " AND (l.id IS NULL OR l.ended_at IS NULL OR l.ended_at < ? OR l.ended_at >= ?)", p, p.start(), p.end());
      long open = count(c, "SELECT COUNT(*) FROM sandbox_lease WHERE ended_at IS NULL AND created_at >= ? AND created_at < ?", p);
      long signups = count(c, "SELECT COUNT(*) FROM app_user WHERE created_at >= ? AND created_at < ?", p);
      long active = count(c, "SELECT COUNT(*) FROM cost_report_line WHERE report_id = ? AND section = 'LEARNER'", report);
      BigDecimal local = sum(c, "SELECT COALESCE(SUM(cost_usd), 0) FROM cost_report_line WHERE report_id = ?"
          + " AND section = 'ENGINE' AND line_key = 'local'", report);
      BigDecimal freeTiers = sum(c, "SELECT COALESCE(SUM(cost_usd), 0) FROM cost_report_line WHERE report_id = ?"
          + " AND section = 'TIER' AND line_key IN ('FREE', 'ANONYMOUS')", report);
      BigDecimal leaseCost = sum(c, "SELECT lease_cost FROM cost_report WHERE id = ?", report);
      BigDecimal grand = local.add(leaseCost);
      Month m = month(c, p);
      try (PreparedStatement ps = c.prepareStatement("UPDATE cost_report SET e2b_elsewhere_cost = ?, open_leases = ?,"
          + " ledger_cost = ?, ledger_local_cost = ?, ledger_lease_cost = ?, grand_total = ?, difference = ?,"
          + " active_learners = ?, new_signups = ?, free_tiers_cost = ?, budget_month = ?, month_spent = ?, month_budget = ?,"
          + " month_hard_cap = ?, month_forecast = ?, state = 'COMPLETED', completed_at = ? WHERE id = ?")) {
        ps.setBigDecimal(1, elsewhere);
        ps.setLong(2, open);
        ps.setBigDecimal(3, ledger.total());
        ps.setBigDecimal(4, ledger.byEngine().getOrDefault("local", BigDecimal.ZERO));
        ps.setBigDecimal(5, leases);
        ps.setBigDecimal(6, grand);
        ps.setBigDecimal(7, grand.subtract(ledger.byEngine().getOrDefault("local", BigDecimal.ZERO).add(leases)));
        ps.setLong(8, active);
        ps.setLong(9, signups);
        ps.setBigDecimal(10, freeTiers);
        ps.setString(11, m.month().toString());
        ps.setBigDecimal(12, m.spent());
        ps.setBigDecimal(13, budget.monthlyUsd());
        ps.setBigDecimal(14, budget.hardCapUsd());
        ps.setBigDecimal(15, m.forecast());
        ps.setObject(16, OffsetDateTime.now(ZoneOffset.UTC));
        ps.setLong(17, report);
        ps.executeUpdate();
      }
    }
    return "COMPLETED";
  }

  /** The period's run costs straight from the ledger: per tier, per engine and in all (one pass). */
  record Ledger(Map<String, BigDecimal> byTier, Map<String, BigDecimal> byEngine, BigDecimal total) {}

  private static Ledger ledger(Connection c, Period p) throws SQLException {
    Map<String, BigDecimal> tiers = new HashMap<>();
    Map<String, BigDecimal> engines = new HashMap<>();
    BigDecimal total = BigDecimal.ZERO;
    for (Object[] r : Sql.rows(c, "SELECT tier, engine, COALESCE(SUM(cost_usd), 0) FROM run_record"
        + " WHERE created_at >= ? AND created_at < ? GROUP BY tier, engine", p.start(), p.end())) {
      BigDecimal cost = Sql.decimal(r[2]);
      tiers.merge((String) r[0], cost, BigDecimal::add);
      engines.merge((String) r[1], cost, BigDecimal::add);
      total = total.add(cost);
    }
    return new Ledger(tiers, engines, total);
  }

  /** Sets each line's cost as the ledger has it; a group with no line gets one (its sum then shows). */
  private static void check(Connection c, long report, String section, Map<String, BigDecimal> ledger)
      throws SQLException {
    try (PreparedStatement upd = c.prepareStatement("UPDATE cost_report_line SET check_cost_usd = ?"
            + " WHERE report_id = ? AND section = ? AND line_key = ?");
        PreparedStatement ins = c.prepareStatement("INSERT INTO cost_report_line (report_id, section, line_key,"
            + " check_cost_usd) VALUES (?, ?, ?, ?)")) {
      for (Map.Entry<String, BigDecimal> e : ledger.entrySet()) {
        upd.setBigDecimal(1, e.getValue());
        upd.setLong(2, report);
        upd.setString(3, section);
        upd.setString(4, e.getKey());
        if (upd.executeUpdate() == 0) {
          ins.setLong(1, report);
          ins.setString(2, section);
          ins.setString(3, e.getKey());
          ins.setBigDecimal(4, e.getValue());
          ins.executeUpdate();
        }
      }
    }
  }

  /** Every learner's line, summed by the database in one pass (made again on a restart). */
  private static void learners(Connection c, long report, Period p) throws SQLException {
    try (PreparedStatement del = Sql.bind(c, "DELETE FROM cost_report_line WHERE report_id = ? AND section = 'LEARNER'",
        report)) {
      del.executeUpdate();
    }
    try (PreparedStatement ins = Sql.bind(c, "INSERT INTO cost_report_line (report_id, section, line_key, user_id, runs,"
        + " cpu_ms, wall_ms, cost_usd) SELECT ?, 'LEARNER', owner_key, user_id, COUNT(*), SUM(cpu_time_ms),"
        + " SUM(wall_time_ms), SUM(cost_usd) FROM run_record WHERE created_at >= ? AND created_at < ?"
        + " GROUP BY owner_key, user_id", report, p.start(), p.end())) {
      ins.executeUpdate();
    }
  }

  /** Runs refused at the quota, per tier, from the daily usage counts. */
  private static void refusedPerTier(Connection c, long report, Period p) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT tier, SUM(refused_runs) FROM daily_usage"
            + " WHERE usage_day >= ? AND usage_day <= ? GROUP BY tier");
        PreparedStatement upd = c.prepareStatement("UPDATE cost_report_line SET refused_runs = ?"
            + " WHERE report_id = ? AND section = 'TIER' AND line_key = ?");
        PreparedStatement ins = c.prepareStatement("INSERT INTO cost_report_line (report_id, section, line_key,"
            + " refused_runs) VALUES (?, 'TIER', ?, ?)")) {
      q.setDate(1, Date.valueOf(p.from()));
      q.setDate(2, Date.valueOf(p.to()));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          upd.setLong(1, rs.getLong(2));
          upd.setLong(2, report);
          upd.setString(3, rs.getString(1));
          if (upd.executeUpdate() == 0 && rs.getLong(2) > 0) {
            ins.setLong(1, report);
            ins.setString(2, rs.getString(1));
            ins.setLong(3, rs.getLong(2));
            ins.executeUpdate();
          }
        }
      }
    }
  }

  /** The period's most expensive runs, as lines of their own. */
  private static void topRuns(Connection c, long report, Period p) throws SQLException {
    try (PreparedStatement del = c.prepareStatement("DELETE FROM cost_report_line WHERE report_id = ? AND section = 'TOP_RUN'")) {
      del.setLong(1, report);
      del.executeUpdate();
    }
    try (PreparedStatement q = c.prepareStatement("SELECT id, user_id, owner_key, lesson_slug, engine, verdict,"
            + " cpu_time_ms, wall_time_ms, cost_usd, created_at FROM run_record WHERE created_at >= ? AND created_at < ?"
            + " ORDER BY cost_usd DESC, id FETCH FIRST " + TOP_RUNS + " ROWS ONLY");
        PreparedStatement ins = c.prepareStatement("INSERT INTO cost_report_line (report_id, section, line_key,"
            + " user_id, label, runs, cpu_ms, wall_ms, cost_usd) VALUES (?, 'TOP_RUN', ?, ?, ?, 1, ?, ?, ?)")) {
      q.setObject(1, p.start());
      q.setObject(2, p.end());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          ins.setLong(1, report);
          ins.setString(2, rs.getObject(1, UUID.class).toString());
          ins.setObject(3, rs.getObject(2, UUID.class));
          String lesson = rs.getString(4) == null ? CostLineWriter.NO_LESSON : rs.getString(4);
          ins.setString(4, lesson + " · " + rs.getString(5) + " · " + rs.getString(6) + " · "
              + rs.getObject(10, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
              + " UTC · " + rs.getString(3));
          ins.setLong(5, rs.getLong(7));
          ins.setLong(6, rs.getLong(8));
          ins.setBigDecimal(7, rs.getBigDecimal(9));
          ins.executeUpdate();
        }
      }
    }
  }

  /** The month the period ends in: its spend (live from the budget guard when it is this month), forecast. */
  record Month(YearMonth month, BigDecimal spent, BigDecimal forecast) {}

  private Month month(Connection c, Period p) throws SQLException {
    YearMonth month = YearMonth.from(p.to());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime start = month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    OffsetDateTime end = month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    if (month.equals(YearMonth.from(now))) {
      BigDecimal spent = budget.spentUsd();
      return new Month(month, spent, forecast(spent, start, end, now));
    }
    Period whole = new Period(month.atDay(1), month.atEndOfMonth());
    BigDecimal spent = sum(c, "SELECT COALESCE(SUM(cost_usd), 0) FROM run_record WHERE engine = 'local'"
        + " AND created_at >= ? AND created_at < ?", whole)
        .add(sum(c, "SELECT COALESCE(SUM(cost_usd), 0) FROM sandbox_lease WHERE ended_at >= ? AND ended_at < ?", whole));
    return new Month(month, spent, spent);
  }

  /** This month's spend so far carried on at its pace to the month's end. */
  public static BigDecimal forecastThisMonth(BigDecimal spent, OffsetDateTime now) {
    YearMonth month = YearMonth.from(now.withOffsetSameInstant(ZoneOffset.UTC));
    return forecast(spent, month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC),
        month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC), now);
  }

  /** Month-to-date spend carried on at its pace so far to the month's end. */
  static BigDecimal forecast(BigDecimal spent, OffsetDateTime start, OffsetDateTime end, OffsetDateTime now) {
    long elapsed = Math.max(1, Duration.between(start, now).toSeconds());
    long whole = Duration.between(start, end).toSeconds();
    return spent.multiply(BigDecimal.valueOf(whole)).divide(BigDecimal.valueOf(elapsed), 16, RoundingMode.HALF_UP);
  }

  private static BigDecimal sum(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = prepared(c, sql, params); ResultSet rs = ps.executeQuery()) {
      return rs.next() && rs.getBigDecimal(1) != null ? rs.getBigDecimal(1) : BigDecimal.ZERO;
    }
  }

  private static long count(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = prepared(c, sql, params); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Binds {@code params} in order; a {@link Period} binds its start and end. */
  private static PreparedStatement prepared(Connection c, String sql, Object... params) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    int i = 1;
    for (Object o : params) {
      if (o instanceof Period p) {
        ps.setObject(i++, p.start());
        ps.setObject(i++, p.end());
      } else {
        ps.setObject(i++, o);
      }
    }
    return ps;
  }
}
