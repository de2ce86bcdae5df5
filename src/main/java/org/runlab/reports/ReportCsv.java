package org.runlab.reports;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A cost report, or a list of findings, as RFC 4180 CSV (Apache Commons CSV does the quoting).
 * Amounts are exact (the ledger keeps 16 decimals); the row {@code TOTAL,grand_total} is the
 * report's grand total.
 */
public final class ReportCsv {
  static final String[] HEADER = {"section", "key", "label", "runs", "refused_runs", "cpu_seconds", "wall_seconds",
      "cost_usd", "ledger_cost_usd"};
  /** The report's sections, in the order the CSV gives them. */
  public static final List<String> SECTIONS = List.of("TIER", "ENGINE", "LESSON", "LEARNER", "TOP_RUN");

  private ReportCsv() {}

  /** Writes {@code report} and its lines. */
  public static void write(CostReport report, CostReports store, Writer out) throws IOException {
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
      summary(csv, "period", "Period", report.from() + " to " + report.to(), null);
      summary(csv, "kind", "Kind", report.kind(), null);
      summary(csv, "local_runs", "Local sandbox runs (CPU)", null, localCost(store, report));
      summary(csv, "e2b_leases", "E2B leases billed in the period", null, report.leaseCost());
      summary(csv, "e2b_serving", "of which serving runs", null, report.leaseServingCost());
      summary(csv, "e2b_pool_idle", "of which idle in the warm pool", null, report.leasePoolIdleCost());
      summary(csv, "e2b_session_idle", "of which idle in kept sessions", null, report.leaseSessionIdleCost());
      summary(csv, "e2b_billed_elsewhere", "E2B run shares billed with a lease of another period", null,
          report.e2bElsewhere());
      summary(csv, "ledger_local", "Check: ledger, local runs", null, report.ledgerLocal());
      summary(csv, "ledger_leases", "Check: leases ended in the period", null, report.ledgerLeases());
      summary(csv, "difference", "Check: grand total less ledger and leases", null, report.difference());
      summary(csv, "active_learners", "Active learners", Long.toString(report.activeLearners()), null);
      summary(csv, "new_signups", "New sign-ups", Long.toString(report.newSignups()), null);
      summary(csv, "cost_per_active_learner", "Cost per active learner", null,
          CostReport.per(report.grandTotal(), report.activeLearners()));
      summary(csv, "free_tiers_cost_per_signup", "Free tiers' cost per new sign-up", null,
          CostReport.per(report.freeTiersCost(), report.newSignups()));
      summary(csv, "month_spent", "Month to date (" + report.month() + ")", null, report.monthSpent());
      summary(csv, "month_budget", "Monthly budget", null, report.monthBudget());
      summary(csv, "month_forecast", "Forecast to month end", null, report.monthForecast());
      for (String section : SECTIONS) {
        for (ReportLine l : store.lines(report.id(), section)) {
          csv.printRecord(section, l.key(), l.getLabel(), l.runs(), l.refusedRuns(), seconds(l.cpuMs()),
              seconds(l.wallMs()), plain(l.cost()), plain(l.ledgerCost()));
        }
      }
      csv.printRecord("TOTAL", "grand_total", "Grand total (local runs + E2B leases)", "", "", "", "",
          plain(report.grandTotal()), "");
    }
  }

  private static BigDecimal localCost(CostReports store, CostReport r) {
    return store.lines(r.id(), "ENGINE").stream().filter(l -> l.key().equals("local")).map(ReportLine::cost)
        .findFirst().orElse(BigDecimal.ZERO);
  }

  private static void summary(CSVPrinter csv, String key, String label, String value, BigDecimal amount)
      throws IOException {
    csv.printRecord("SUMMARY", key, value == null ? label : label + ": " + value, "", "", "", "", plain(amount), "");
  }

  /** Findings as CSV: one row each, with the ids of the runs that show them. */
  public static void findings(List<Anomaly> anomalies, AnomalyFindings store, Writer out) throws IOException {
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("id", "kind", "subject",
        "severity", "state", "day", "first_seen", "last_seen", "evidence", "runs").get())) {
      for (Anomaly a : anomalies) {
        StringBuilder runs = new StringBuilder();
        for (AnomalyRun r : store.runs(a.id())) {
          runs.append(runs.length() == 0 ? "" : " ").append(r.id());
        }
        csv.printRecord(a.id(), a.kind(), a.subject(), a.severity(), a.state(), a.day(), a.firstSeen(), a.lastSeen(),
            a.evidence(), runs);
      }
    }
  }

  static String plain(BigDecimal b) {
    return b == null ? "" : b.stripTrailingZeros().toPlainString();
  }

  private static String seconds(long ms) {
    return BigDecimal.valueOf(ms, 3).toPlainString();
  }
}
