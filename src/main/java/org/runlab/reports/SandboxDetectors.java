package org.runlab.reports;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.runlab.engine.e2b.SandboxInfo;

/** E2B sandboxes that bill for nothing: leases idle long after their runs, sandboxes no lease knows. */
final class SandboxDetectors {
  private SandboxDetectors() {}

  /**
   * Leases that ended in the day, taken by a learner, whose life beyond the warm pool was longer
   * than the runs they served by at least {@code lease-idle-seconds}.
   */
  static List<Finding> idleLeases(Connection c, LocalDate day, AnomalySettings s) throws SQLException {
    OffsetDateTime start = SpendDetectors.start(day);
    List<Finding> out = new ArrayList<>();
    for (Object[] r : Sql.rows(c, "SELECT l.id, l.sandbox_id, l.learner, COALESCE(l.billed_seconds, 0),"
        + " COALESCE(l.idle_pool_seconds, 0), COALESCE(SUM(r.wall_time_ms), 0), COUNT(r.id) FROM sandbox_lease l"
        + " LEFT JOIN run_record r ON r.lease_id = l.id WHERE l.ended_at >= ? AND l.ended_at < ?"
        + " AND l.claimed_at IS NOT NULL GROUP BY l.id, l.sandbox_id, l.learner, l.billed_seconds, l.idle_pool_seconds"
        + " ORDER BY l.id", start, start.plusDays(1))) {
      long billed = Sql.number(r[3]);
      long pool = Sql.number(r[4]);
      long servingSeconds = (Sql.number(r[5]) + 999) / 1000;
      long idle = billed - pool - servingSeconds;
      if (idle >= s.leaseIdleSeconds()) {
        UUID lease = (UUID) r[0];
        out.add(Finding.ofDay(AnomalyKind.IDLE_LEASE, "lease " + lease, idle >= 3 * s.leaseIdleSeconds()
                ? Finding.Severity.HIGH : Finding.Severity.MEDIUM,
            "E2B sandbox " + r[1] + (r[2] == null ? "" : " of " + r[2]) + " was billed " + billed + " s after the warm"
                + " pool, but its " + Sql.number(r[6]) + " runs used " + servingSeconds + " s: " + idle
                + " s idle (a session kept, or a sandbox not given back).",
            day, Sql.ids(c, "SELECT id FROM run_record WHERE lease_id = ? ORDER BY created_at, id FETCH FIRST 20 ROWS ONLY",
                lease)));
      }
    }
    return out;
  }

  /**
   * Sandboxes E2B lists for this installation, older than the grace, that no open lease knows:
   * they bill without being counted in any report or budget. Found on {@code day} (today).
   */
  static List<Finding> orphans(Connection c, LocalDate day, List<SandboxInfo> listed, Instant now, AnomalySettings s)
      throws SQLException {
    Set<String> open = new HashSet<>();
    for (Object[] r : Sql.rows(c, "SELECT sandbox_id FROM sandbox_lease WHERE ended_at IS NULL")) {
      open.add((String) r[0]);
    }
    List<Finding> out = new ArrayList<>();
    for (SandboxInfo sandbox : listed) {
      Instant started = sandbox.startedAt();
      if (open.contains(sandbox.id()) || started == null || started.isAfter(now.minus(s.orphanGrace()))) {
        continue;
      }
      String instance = sandbox.metadata().getOrDefault("instance", "unknown");
      out.add(new Finding(AnomalyKind.ORPHAN_SANDBOX, "sandbox " + sandbox.id(), Finding.Severity.HIGH,
          "E2B lists sandbox " + sandbox.id() + " (instance " + instance + ", template " + sandbox.templateId()
              + ", started " + started + ") for this installation, but no open lease knows it: it bills"
              + " without being counted.",
          day, Sql.ids(c, "SELECT r.id FROM run_record r JOIN sandbox_lease l ON l.id = r.lease_id"
              + " WHERE l.sandbox_id = ? ORDER BY r.created_at, r.id FETCH FIRST 20 ROWS ONLY", sandbox.id()),
          AnomalyKind.ORPHAN_SANDBOX + "|" + sandbox.id()));
    }
    return out;
  }
}
