package org.runlab.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.runlab.budget.Pricing;

/** Spending far above the usual: a learner's day, an hour of the whole installation. */
final class SpendDetectors {
  private static final String TOP_RUNS = " ORDER BY cost_usd DESC, id FETCH FIRST 20 ROWS ONLY";

  private SpendDetectors() {}

  /** Learners whose day cost more than the factor times their 14-day average (and the minimum). */
  static List<Finding> learners(Connection c, LocalDate day, AnomalySettings s) throws SQLException {
    OffsetDateTime start = start(day);
    OffsetDateTime end = start.plusDays(1);
    List<Finding> out = new ArrayList<>();
    for (Object[] r : Sql.rows(c, "SELECT owner_key, COALESCE(SUM(CASE WHEN created_at >= ? THEN cost_usd END), 0),"
        + " COALESCE(SUM(CASE WHEN created_at < ? THEN cost_usd END), 0),"
        + " SUM(CASE WHEN created_at >= ? THEN 1 ELSE 0 END) FROM run_record"
        + " WHERE created_at >= ? AND created_at < ? GROUP BY owner_key"
        + " HAVING COALESCE(SUM(CASE WHEN created_at >= ? THEN cost_usd END), 0) >= ? ORDER BY owner_key",
        start, start, start, start.minusDays(14), end, start, s.learnerDayMinUsd())) {
      String owner = (String) r[0];
      BigDecimal today = Sql.decimal(r[1]);
      BigDecimal usual = Sql.decimal(r[2]).divide(BigDecimal.valueOf(14), 16, RoundingMode.HALF_UP);
      if (s.spike(today, usual, s.learnerDayMinUsd())) {
        boolean far = today.compareTo(usual.multiply(s.factor()).multiply(BigDecimal.valueOf(4))) > 0;
        out.add(Finding.ofDay(AnomalyKind.LEARNER_SPEND_SPIKE, owner, far ? Finding.Severity.HIGH : Finding.Severity.MEDIUM,
            Learners.describe(c, owner) + " ran up $" + Pricing.forDisplay(today) + " on " + day + " in "
                + Sql.number(r[3]) + " runs; their average over the 14 days before is $" + Pricing.forDisplay(usual)
                + " a day.",
            day, Sql.ids(c, "SELECT id FROM run_record WHERE owner_key = ? AND created_at >= ? AND created_at < ?"
                + TOP_RUNS, owner, start, end)));
      }
    }
    return out;
  }

  /** Hours whose spend (local runs, E2B leases ended) beat the factor times the week before's hourly average. */
  static List<Finding> hours(Connection c, LocalDate day, AnomalySettings s) throws SQLException {
    OffsetDateTime start = start(day);
    BigDecimal usual = spend(c, start.minusDays(7), start).divide(BigDecimal.valueOf(7 * 24), 16, RoundingMode.HALF_UP);
    List<Finding> out = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      OffsetDateTime from = start.plusHours(h);
      BigDecimal hour = spend(c, from, from.plusHours(1));
      if (s.spike(hour, usual, s.hourMinUsd())) {
        String subject = day + " " + String.format("%02d:00", h) + " UTC";
        out.add(Finding.ofDay(AnomalyKind.HOURLY_SPEND_SPIKE, subject, Finding.Severity.MEDIUM,
            "The hour from " + subject + " cost $" + Pricing.forDisplay(hour) + "; an hour of the 7 days before"
                + " cost $" + Pricing.forDisplay(usual) + " on average.",
            day, Sql.ids(c, "SELECT id FROM run_record WHERE created_at >= ? AND created_at < ?" + TOP_RUNS,
                from, from.plusHours(1))));
      }
    }
    return out;
  }

  /** What Runlab paid for [from, to): local runs created in it and E2B leases ended in it. */
  static BigDecimal spend(Connection c, OffsetDateTime from, OffsetDateTime to) throws SQLException {
    return Sql.decimal(c, "SELECT COALESCE(SUM(cost_usd), 0) FROM run_record WHERE engine = 'local'"
            + " AND created_at >= ? AND created_at < ?", from, to)
        .add(Sql.decimal(c, "SELECT COALESCE(SUM(cost_usd), 0) FROM sandbox_lease WHERE ended_at >= ? AND ended_at < ?",
            from, to));
  }

  static OffsetDateTime start(LocalDate day) {
    return day.atStartOfDay().atOffset(ZoneOffset.UTC);
  }
}
