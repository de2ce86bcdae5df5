package org.runlab.reports;

import java.time.Instant;
import java.time.LocalDate;

/** A stored anomaly scan: its days, state, and how many findings it saw and how many were new. */
public record AnomalyScan(
    long id, long jobInstanceId, long executionId, LocalDate from, LocalDate to, String state, String requestedBy,
    Instant createdAt, Instant completedAt, long findings, long newFindings) {

  public boolean completed() {
    return "COMPLETED".equals(state);
  }
}
