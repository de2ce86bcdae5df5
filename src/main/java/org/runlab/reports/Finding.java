package org.runlab.reports;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What a detector found: its kind and subject (a learner, an address, an hour, a lease, a
 * sandbox), how bad, the evidence in words, the day, and the runs that show it. The key is the
 * same whenever the same thing is found again, so it is stored and alerted once.
 */
public record Finding(
    AnomalyKind kind, String subject, Severity severity, String evidence, LocalDate day, List<UUID> runs,
    String key) {

  /** How urgent a finding is. */
  public enum Severity {
    LOW,
    MEDIUM,
    HIGH
  }

  public Finding {
    runs = List.copyOf(runs);
    evidence = evidence.length() > 2000 ? evidence.substring(0, 1997) + "..." : evidence;
  }

  /** A finding of one day: found again on the same day, it is the same finding. */
  static Finding ofDay(AnomalyKind kind, String subject, Severity severity, String evidence, LocalDate day,
      List<UUID> runs) {
    return new Finding(kind, subject, severity, evidence, day, runs, kind + "|" + subject + "|" + day);
  }
}
