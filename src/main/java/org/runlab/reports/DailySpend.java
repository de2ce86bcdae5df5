package org.runlab.reports;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.runlab.platform.DatabaseMigrator;

/**
 * Spend per UTC day, by engine and by tier, for the finance charts: the ledger's run costs by the
 * runs' day, E2B leases by the day they ended. Each day is one range of the indexed columns.
 */
@ApplicationScoped
public class DailySpend {
  @Resource(lookup = DatabaseMigrator.DATASOURCE)
  DataSource ds;

  /**
   * One day's spend: per engine (local runs; E2B as the leases billed that day), and per tier
   * (the runs' own costs) with the E2B lease time no run used ({@link #E2B_IDLE}).
   */
  public record Day(LocalDate day, Map<String, BigDecimal> byEngine, Map<String, BigDecimal> byTier) {}

  /** The tier-less part of a day's E2B bill: lease time that served no run. */
  public static final String E2B_IDLE = "E2B idle";

  public List<Day> days(LocalDate from, LocalDate to) {
    List<Day> out = new ArrayList<>();
    try (Connection c = ds.getConnection()) {
      for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
        OffsetDateTime start = SpendDetectors.start(d);
        OffsetDateTime end = start.plusDays(1);
        Map<String, BigDecimal> engines = new TreeMap<>();
        Map<String, BigDecimal> tiers = new TreeMap<>();
        BigDecimal e2bRuns = BigDecimal.ZERO;
        for (Object[] r : Sql.rows(c, "SELECT engine, tier, COALESCE(SUM(cost_usd), 0) FROM run_record"
            + " WHERE created_at >= ? AND created_at < ? GROUP BY engine, tier", start, end)) {
          BigDecimal cost = Sql.decimal(r[2]);
          tiers.merge((String) r[1], cost, BigDecimal::add);
          if ("local".equals(r[0])) {
            engines.merge("local", cost, BigDecimal::add);
          } else if ("e2b".equals(r[0])) {
            e2bRuns = e2bRuns.add(cost);
          }
        }
        BigDecimal leases = Sql.decimal(c, "SELECT COALESCE(SUM(cost_usd), 0) FROM sandbox_lease"
            + " WHERE ended_at >= ? AND ended_at < ?", start, end);
        engines.put("e2b", leases);
        tiers.put(E2B_IDLE, leases.subtract(e2bRuns));
        out.add(new Day(d, engines, tiers));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read spend per day", e);
    }
    return out;
  }
}
