package org.runlab.reports;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Properties;
import org.runlab.platform.AppConfig;
import org.runlab.platform.errors.NotFoundException;
import org.runlab.platform.errors.UnavailableException;

/**
 * Starting reports and scans on demand (from the finance pages, the jobs page and the API) and
 * reading how far they are: an execution of the job, and once it has completed, what it stored.
 */
@ApplicationScoped
public class ReportService {
  @Inject AppConfig config;
  @Inject BatchJobs jobs;
  @Inject BatchRuntimeCheck check;
  @Inject CostReports reports;
  @Inject AnomalyFindings findings;

  private BatchSettings settings;

  @PostConstruct
  void init() {
    settings = BatchSettings.from(config.get());
  }

  /** An execution of a job, and (once it exists) the report or scan it stores. */
  public record Status<T>(JobRun run, Optional<T> result) {}

  /**
   * Starts a cost report of the days {@code from} to {@code to} (inclusive; {@code to} null: the
   * one day {@code from}); the execution's id. Refuses a bad period, naming the field.
   */
  public long startCostReport(String from, String to, String requestedBy) {
    Period p = ReportPeriods.of(from, to, today());
    Properties params = parameters(p, requestedBy);
    params.setProperty(Jobs.KIND, kind(p));
    return start(Jobs.COST_REPORT, params);
  }

  /** Starts an anomaly scan of the days {@code from} to {@code to}; the execution's id. */
  public long startAnomalyScan(String from, String to, String requestedBy) {
    return start(Jobs.ANOMALY_SCAN, parameters(ReportPeriods.of(from, to, today()), requestedBy));
  }

  private long start(String job, Properties params) {
    if (check.problem().isPresent() || !check.run()) {
      throw new UnavailableException("Reports are unavailable", "Runlab's batch jobs cannot run on this server"
          + " right now; the operators have been told. Nothing was started.");
    }
    return jobs.start(job, params);
  }

  private Properties parameters(Period p, String requestedBy) {
    Properties params = new Properties();
    params.setProperty(Jobs.FROM, p.from().toString());
    params.setProperty(Jobs.TO, p.to().toString());
    params.setProperty(Jobs.REQUESTED_BY, requestedBy == null ? "unknown" : requestedBy);
    params.setProperty(Jobs.CHUNK_SIZE, Integer.toString(settings.chunkSize()));
    return params;
  }

  static String kind(Period p) {
    if (p.from().equals(p.to())) {
      return "DAY";
    }
    return p.from().getDayOfMonth() == 1 && p.from().getMonth() == p.to().getMonth()
        && p.from().getYear() == p.to().getYear() ? "MONTH_TO_DATE" : "PERIOD";
  }

  /** A cost-report execution's state and progress, with its report once the job has made it. */
  public Status<CostReport> costReport(long execution) {
    JobRun run = run(execution, Jobs.COST_REPORT);
    return new Status<>(run, reports.ofJobInstance(run.jobInstanceId()));
  }

  /** An anomaly-scan execution's state and progress, with its scan once the job has made it. */
  public Status<AnomalyScan> anomalyScan(long execution) {
    JobRun run = run(execution, Jobs.ANOMALY_SCAN);
    return new Status<>(run, findings.scanOfJobInstance(run.jobInstanceId()));
  }

  private JobRun run(long execution, String job) {
    return jobs.find(execution).filter(r -> r.jobName().equals(job))
        .orElseThrow(() -> new NotFoundException("No such " + job, "There is no " + job + " execution " + execution + "."));
  }

  static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }
}
