package org.runlab.reports;

import java.time.Instant;
import java.time.LocalDate;

/** A stored finding with its state (OPEN, ACKNOWLEDGED, RESOLVED) and who last changed it, and why. */
public record Anomaly(
    long id, AnomalyKind kind, String subject, String severity, String evidence, LocalDate day, Instant firstSeen,
    Instant lastSeen, long scanId, String state, Instant alertedAt, String stateNote, String stateChangedBy,
    Instant stateChangedAt, int runs) {

  public long getId() {
    return id;
  }

  public AnomalyKind getKind() {
    return kind;
  }

  public String getSubject() {
    return subject;
  }

  public String getSeverity() {
    return severity;
  }

  public String getEvidence() {
    return evidence;
  }

  public LocalDate getDay() {
    return day;
  }

  public Instant getFirstSeen() {
    return firstSeen;
  }

  public Instant getLastSeen() {
    return lastSeen;
  }

  public String getState() {
    return state;
  }

  public String getStateNote() {
    return stateNote;
  }

  public String getStateChangedBy() {
    return stateChangedBy;
  }

  public int getRuns() {
    return runs;
  }
}
