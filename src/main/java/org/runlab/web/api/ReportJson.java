package org.runlab.web.api;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.util.List;
import org.runlab.reports.Anomaly;
import org.runlab.reports.AnomalyFindings;
import org.runlab.reports.AnomalyRun;
import org.runlab.reports.AnomalyScan;
import org.runlab.reports.CostReport;
import org.runlab.reports.CostReports;
import org.runlab.reports.JobRun;
import org.runlab.reports.ReportLine;
import org.runlab.platform.JsonFactory;

/** Reports, scans, findings and job executions as the report API answers them. Amounts: exact decimal strings. */
final class ReportJson {
  private ReportJson() {}

  static JsonObjectBuilder run(JobRun r) {
    return JsonFactory.JSON.createObjectBuilder()
        .add("id", r.executionId())
        .add("job", r.jobName())
        .add("state", r.status())
        .add("progress", JsonFactory.JSON.createObjectBuilder().add("read", r.read()).add("written", r.written())
            .add("total", r.total()).add("percent", r.percent()));
  }

  static JsonObject costStatus(JobRun run, CostReport report, CostReports store) {
    JsonObjectBuilder b = run(run);
    if (report != null) {
      b.add("period", period(report.from().toString(), report.to().toString())).add("kind", report.kind());
      if (report.completed()) {
        b.add("report", report(report, store));
      }
    }
    return b.build();
  }

  static JsonObjectBuilder period(String from, String to) {
    return JsonFactory.JSON.createObjectBuilder().add("from", from).add("to", to);
  }

  static JsonObjectBuilder report(CostReport r, CostReports store) {
    List<ReportLine> engines = store.lines(r.id(), "ENGINE");
    ReportLine local = engines.stream().filter(l -> l.key().equals("local")).findFirst().orElse(null);
    long runs = engines.stream().mapToLong(ReportLine::runs).sum();
    long serverRuns = engines.stream().filter(l -> l.key().equals("local") || l.key().equals("e2b"))
        .mapToLong(ReportLine::runs).sum();
    return JsonFactory.JSON.createObjectBuilder()
        .add("reportId", r.id())
        .add("period", period(r.from().toString(), r.to().toString()))
        .add("kind", r.kind())
        .add("completedAt", String.valueOf(r.completedAt()))
        .add("grandTotalUsd", usd(r.grandTotal()))
        .add("reconciliation", JsonFactory.JSON.createObjectBuilder()
            .add("ledgerUsd", usd(r.ledgerCost()))
            .add("ledgerLocalUsd", usd(r.ledgerLocal()))
            .add("leasesUsd", usd(r.ledgerLeases()))
            .add("reportTotalUsd", usd(r.grandTotal()))
            .add("differenceUsd", usd(r.difference()))
            .add("reconciled", r.reconciled()))
        .add("runs", JsonFactory.JSON.createObjectBuilder()
            .add("total", runs)
            .add("server", serverRuns)
            .add("costPerRunUsd", usd(CostReport.per(r.grandTotal(), runs)))
            .add("costPerServerRunUsd", usd(CostReport.per(r.grandTotal(), serverRuns))))
        .add("local", JsonFactory.JSON.createObjectBuilder()
            .add("runs", local == null ? 0 : local.runs())
            .add("cpuSeconds", local == null ? 0 : local.getCpuSeconds())
            .add("costUsd", usd(local == null ? BigDecimal.ZERO : local.cost())))
        .add("e2b", JsonFactory.JSON.createObjectBuilder()
            .add("leases", r.leaseCount())
            .add("openLeases", r.openLeases())
            .add("leaseSeconds", r.leaseSeconds())
            .add("poolIdleSeconds", r.leasePoolIdleSeconds())
            .add("servingSeconds", (r.leaseServingMs() + 999) / 1000)
            .add("sessionIdleSeconds", r.sessionIdleSeconds())
            .add("leaseCostUsd", usd(r.leaseCost()))
            .add("servingCostUsd", usd(r.leaseServingCost()))
            .add("poolIdleCostUsd", usd(r.leasePoolIdleCost()))
            .add("sessionIdleCostUsd", usd(r.leaseSessionIdleCost()))
            .add("runsBilledInOtherPeriodsUsd", usd(r.e2bElsewhere())))
        .add("learners", JsonFactory.JSON.createObjectBuilder()
            .add("active", r.activeLearners())
            .add("newSignups", r.newSignups())
            .add("costPerActiveLearnerUsd", usd(CostReport.per(r.grandTotal(), r.activeLearners())))
            .add("freeTiersCostUsd", usd(r.freeTiersCost()))
            .add("freeTiersCostPerSignupUsd", usd(CostReport.per(r.freeTiersCost(), r.newSignups()))))
        .add("month", JsonFactory.JSON.createObjectBuilder()
            .add("month", String.valueOf(r.month()))
            .add("spentUsd", usd(r.monthSpent()))
            .add("budgetUsd", usd(r.monthBudget()))
            .add("hardCapUsd", usd(r.monthHardCap()))
            .add("forecastUsd", usd(r.monthForecast())))
        .add("tiers", lines(store.lines(r.id(), "TIER")))
        .add("engines", lines(engines))
        .add("lessons", lines(store.lines(r.id(), "LESSON")))
        .add("learnerCosts", lines(store.lines(r.id(), "LEARNER")))
        .add("mostExpensiveRuns", lines(store.lines(r.id(), "TOP_RUN")));
  }

  private static JsonArrayBuilder lines(List<ReportLine> lines) {
    JsonArrayBuilder a = JsonFactory.JSON.createArrayBuilder();
    for (ReportLine l : lines) {
      JsonObjectBuilder o = JsonFactory.JSON.createObjectBuilder().add("key", l.key()).add("label", l.getLabel())
          .add("runs", l.runs()).add("cpuSeconds", l.getCpuSeconds()).add("wallSeconds", l.getWallSeconds())
          .add("costUsd", usd(l.cost())).add("costPerRunUsd", usd(l.costPerRun()));
      if (l.refusedRuns() > 0) {
        o.add("refusedRuns", l.refusedRuns());
      }
      if (l.ledgerCost() != null) {
        o.add("ledgerCostUsd", usd(l.ledgerCost())).add("matchesLedger", l.matchesLedger());
      }
      a.add(o);
    }
    return a;
  }

  static JsonObject scanStatus(JobRun run, AnomalyScan scan, AnomalyFindings findings) {
    JsonObjectBuilder b = run(run);
    if (scan != null) {
      b.add("period", period(scan.from().toString(), scan.to().toString()));
      if (scan.completed()) {
        JsonArrayBuilder list = JsonFactory.JSON.createArrayBuilder();
        findings.ofScan(scan.id()).forEach(a -> list.add(finding(a, findings.runs(a.id()))));
        b.add("scan", JsonFactory.JSON.createObjectBuilder().add("scanId", scan.id()).add("findingsSeen", scan.findings())
            .add("newFindings", scan.newFindings()).add("findings", list));
      }
    }
    return b.build();
  }

  static JsonObjectBuilder finding(Anomaly a, List<AnomalyRun> runs) {
    JsonArrayBuilder ids = JsonFactory.JSON.createArrayBuilder();
    runs.forEach(r -> ids.add(r.id().toString()));
    JsonObjectBuilder o = JsonFactory.JSON.createObjectBuilder().add("id", a.id()).add("kind", a.kind().name())
        .add("title", a.kind().title()).add("subject", a.subject()).add("severity", a.severity())
        .add("evidence", a.evidence()).add("day", a.day().toString()).add("firstSeen", a.firstSeen().toString())
        .add("lastSeen", a.lastSeen().toString()).add("state", a.state()).add("runs", ids);
    if (a.stateNote() != null) {
      o.add("note", a.stateNote()).add("changedBy", a.stateChangedBy());
    }
    return o;
  }

  /** An exact amount as a plain decimal string (no exponent). */
  static String usd(BigDecimal b) {
    return b == null ? "0" : b.stripTrailingZeros().toPlainString();
  }
}
