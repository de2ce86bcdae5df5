package org.runlab.admin.finance;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.runlab.platform.errors.NotFoundException;
import org.runlab.reports.CostReport;
import org.runlab.reports.CostReports;
import org.runlab.reports.ReportLine;

/** /finance/report.xhtml?id=N: one report, every table of it, and its CSV. */
@Named
@ViewScoped
public class ReportPage implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient CostReports reports;

  private long id;
  private transient CostReport report;
  private final Map<String, List<ReportLine>> lines = new HashMap<>();

  public long getId() {
    return id;
  }

  public void setId(long id) {
    this.id = id;
  }

  public CostReport getReport() {
    if (report == null) {
      report = reports.find(id).orElseThrow(() -> new NotFoundException("No such report", "There is no report " + id + "."));
    }
    return report;
  }

  /** The lines of a section: TIER, ENGINE, LESSON, LEARNER, TOP_RUN. */
  public List<ReportLine> lines(String section) {
    return lines.computeIfAbsent(section, s -> reports.lines(id, s));
  }

  public BigDecimal getLocalCost() {
    return lines("ENGINE").stream().filter(l -> l.key().equals("local")).map(ReportLine::cost).findFirst()
        .orElse(BigDecimal.ZERO);
  }

  public long getRuns() {
    return lines("ENGINE").stream().mapToLong(ReportLine::runs).sum();
  }

  public long getServerRuns() {
    return lines("ENGINE").stream().filter(l -> l.key().equals("local") || l.key().equals("e2b"))
        .mapToLong(ReportLine::runs).sum();
  }

  public double getLocalCpuSeconds() {
    return lines("ENGINE").stream().filter(l -> l.key().equals("local")).mapToDouble(ReportLine::getCpuSeconds).sum();
  }

  public BigDecimal getCostPerRun() {
    return CostReport.per(getReport().grandTotal(), getRuns());
  }

  public BigDecimal getCostPerServerRun() {
    return CostReport.per(getReport().grandTotal(), getServerRuns());
  }

  public BigDecimal getCostPerLearner() {
    return CostReport.per(getReport().grandTotal(), getReport().activeLearners());
  }

  public BigDecimal getCostPerSignup() {
    return CostReport.per(getReport().freeTiersCost(), getReport().newSignups());
  }

  /** The five most expensive lessons. */
  public List<ReportLine> getTopLessons() {
    List<ReportLine> all = lines("LESSON");
    return all.subList(0, Math.min(5, all.size()));
  }

  public String getCsvUrl() {
    return "/api/reports/cost/" + getReport().executionId() + ".csv";
  }
}
