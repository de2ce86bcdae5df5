package org.runlab.admin.finance;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.runlab.platform.errors.RunlabException;
import org.runlab.reports.Anomaly;
import org.runlab.reports.AnomalyFindings;
import org.runlab.reports.AnomalyKind;
import org.runlab.reports.AnomalyRun;
import org.runlab.reports.ReportService;

/**
 * /finance/anomalies.xhtml: the findings, filtered by kind and state, each with its evidence and
 * the runs that show it; acknowledge or resolve with a note (audited); scan a day now.
 */
@Named
@ViewScoped
public class AnomaliesPage implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient AnomalyFindings findings;
  @Inject transient ReportService service;
  @Inject transient Caller caller;

  private String kind = "";
  private String state = "OPEN";
  private Long selectedId;
  private String note;
  private String day = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
  private transient List<Anomaly> list;

  public List<Anomaly> getFindings() {
    if (list == null) {
      list = findings.list(kind == null || kind.isBlank() ? null : AnomalyKind.valueOf(kind),
          state == null || state.isBlank() ? null : state, 500);
    }
    return list;
  }

  public void filter() {
    list = null;
  }

  public AnomalyKind[] getKinds() {
    return AnomalyKind.values();
  }

  public List<String> getStates() {
    return AnomalyFindings.STATES;
  }

  public void select(long id) {
    selectedId = id;
    note = null;
  }

  public Anomaly getSelected() {
    return selectedId == null ? null : findings.find(selectedId).orElse(null);
  }

  public List<AnomalyRun> getSelectedRuns() {
    return selectedId == null ? List.of() : findings.runs(selectedId);
  }

  public List<String[]> getSelectedAudit() {
    return selectedId == null ? List.of() : findings.audit(selectedId);
  }

  public void acknowledge() {
    change("ACKNOWLEDGED");
  }

  public void resolve() {
    change("RESOLVED");
  }

  public void reopen() {
    change("OPEN");
  }

  private void change(String to) {
    try {
      Anomaly a = findings.changeState(selectedId, to, note, caller.finance());
      Caller.info("Finding " + a.id() + " is " + a.state().toLowerCase() + ".");
      note = null;
      list = null;
    } catch (RunlabException e) {
      Caller.show(e);
    }
  }

  public void scan() {
    try {
      long id = service.startAnomalyScan(day, day, caller.finance());
      Caller.info("Started the anomaly scan of " + day + " (execution " + id + "); findings appear here when it is done.");
    } catch (RunlabException e) {
      Caller.show(e);
    }
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getNote() {
    return note;
  }

  public void setNote(String note) {
    this.note = note;
  }

  public String getDay() {
    return day;
  }

  public void setDay(String day) {
    this.day = day;
  }

  public Long getSelectedId() {
    return selectedId;
  }
}
