package org.runlab.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.runlab.admin.finance.Caller;
import org.runlab.platform.errors.RunlabException;
import org.runlab.reports.BatchJobs;
import org.runlab.reports.JobRun;
import org.runlab.reports.ReportService;

/**
 * /admin/jobs.xhtml: the batch job executions (state, start and end, items, progress), with start
 * now, stop (on the instance running it) and restart of a failed or stopped execution.
 */
@Named
@ViewScoped
public class JobsPage implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient BatchJobs jobs;
  @Inject transient ReportService service;
  @Inject transient Caller caller;

  private transient List<JobRun> runs;
  private String day = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();

  public List<JobRun> getRuns() {
    if (runs == null) {
      runs = jobs.recent(100);
    }
    return runs;
  }

  public boolean isAnyRunning() {
    return getRuns().stream().anyMatch(JobRun::running);
  }

  public void refresh() {
    runs = null;
  }

  public void startCostReport() {
    act(() -> "Started the cost report of " + day + " as execution "
        + service.startCostReport(day, day, caller.admin()) + ".");
  }

  public void startAnomalyScan() {
    act(() -> "Started the anomaly scan of " + day + " as execution "
        + service.startAnomalyScan(day, day, caller.admin()) + ".");
  }

  public void stop(long execution) {
    act(() -> {
      caller.admin();
      jobs.stop(execution);
      return "Asked execution " + execution + " to stop after its current chunk.";
    });
  }

  public void restart(long execution) {
    act(() -> {
      caller.admin();
      return "Restarted execution " + execution + " from its last checkpoint as " + jobs.restart(execution) + ".";
    });
  }

  private void act(java.util.function.Supplier<String> action) {
    try {
      String done = action.get();
      jakarta.faces.context.FacesContext.getCurrentInstance().addMessage(null,
          new jakarta.faces.application.FacesMessage(jakarta.faces.application.FacesMessage.SEVERITY_INFO, done, null));
      runs = null;
    } catch (RunlabException e) {
      jakarta.faces.context.FacesContext.getCurrentInstance().addMessage(null,
          new jakarta.faces.application.FacesMessage(jakarta.faces.application.FacesMessage.SEVERITY_ERROR,
              e.title() + ": " + e.detail(), null));
    }
  }

  public String getDay() {
    return day;
  }

  public void setDay(String day) {
    this.day = day;
  }
}
