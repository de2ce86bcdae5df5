package org.runlab.admin.finance;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.runlab.platform.errors.RunlabException;
import org.runlab.reports.BatchJobs;
import org.runlab.reports.CostReport;
import org.runlab.reports.CostReports;
import org.runlab.reports.JobRun;
import org.runlab.reports.ReportService;

/** /finance/reports.xhtml: the cost reports with their state (a progress bar while running), and a new one. */
@Named
@ViewScoped
public class ReportsPage implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient CostReports reports;
  @Inject transient BatchJobs jobs;
  @Inject transient ReportService service;
  @Inject transient Caller caller;

  private String from = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
  private String to = from;
  private transient List<CostReport> list;
  private transient Map<Long, JobRun> runs;

  public List<CostReport> getReports() {
    if (list == null) {
      list = reports.recent(100);
      runs = jobs.recent(200).stream().collect(Collectors.toMap(JobRun::jobInstanceId, Function.identity(),
          (a, b) -> a.executionId() > b.executionId() ? a : b));
    }
    return list;
  }

  /** How far a report's job is, 0 to 100. */
  public int percent(CostReport r) {
    getReports();
    JobRun run = runs.get(r.jobInstanceId());
    return r.completed() ? 100 : run == null ? 0 : run.percent();
  }

  public boolean isAnyRunning() {
    return getReports().stream().anyMatch(r -> "RUNNING".equals(r.state()));
  }

  /** Starts a report of the period in the form. */
  public void start() {
    try {
      long id = service.startCostReport(from, to, caller.finance());
      Caller.info("Started the cost report of " + from + (to.equals(from) ? "" : " to " + to) + " (execution " + id + ").");
      list = null;
    } catch (RunlabException e) {
      Caller.show(e);
    }
  }

  public void refresh() {
    list = null;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }
}
