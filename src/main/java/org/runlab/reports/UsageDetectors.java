package org.runlab.reports;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** How learners use the servers: loops at the limits, likely mining, many accounts on one address. */
final class UsageDetectors {
  private static final String SERVER = " AND engine IN ('local', 'e2b')";
  private static final String AT_LIMIT = " AND verdict IN ('TIME_LIMIT', 'CPU_LIMIT')";
  /** Busy at the CPU limit all along: CPU time at least 90% of a wall time of a second or more. */
  private static final String BUSY = SERVER + AT_LIMIT
      + " AND wall_time_ms >= 1000 AND cpu_time_ms * 10 >= wall_time_ms * 9 AND output_bytes <= 256";
  private static final String ABUSE = " AND verdict = 'REFUSED' AND reasons LIKE '%\"ABUSE\"%'";
  private static final String RUNS = " ORDER BY created_at, id FETCH FIRST 20 ROWS ONLY";

  private UsageDetectors() {}

  /** Learners with many TIME_LIMIT or CPU_LIMIT server runs in the day. */
  static List<Finding> limitLoops(Connection c, LocalDate day, AnomalySettings s) throws SQLException {
    OffsetDateTime start = SpendDetectors.start(day);
    OffsetDateTime end = start.plusDays(1);
    List<Finding> out = new ArrayList<>();
    for (Object[] r : Sql.rows(c, "SELECT owner_key, COUNT(*), COALESCE(SUM(wall_time_ms), 0) FROM run_record"
        + " WHERE created_at >= ? AND created_at < ?" + SERVER + AT_LIMIT
        + " GROUP BY owner_key HAVING COUNT(*) >= ? ORDER BY owner_key", start, end, s.limitRuns())) {
      String owner = (String) r[0];
      long runs = Sql.number(r[1]);
      out.add(Finding.ofDay(AnomalyKind.LIMIT_LOOP, owner,
          runs >= 5L * s.limitRuns() ? Finding.Severity.HIGH : Finding.Severity.MEDIUM,
          Learners.describe(c, owner) + " had " + runs + " server runs stopped at their time or CPU limit on " + day
              + ", " + Sql.number(r[2]) / 1000 + " s of server time in all: probably a loop that never ends.",
          day, Sql.ids(c, "SELECT id FROM run_record WHERE owner_key = ? AND created_at >= ? AND created_at < ?"
              + SERVER + AT_LIMIT + RUNS, owner, start, end)));
    }
    return out;
  }

  /**
   * Learners whose runs were refused by the abuse signatures (one is enough), or who had several
   * runs busy at their CPU limit for their whole wall time while printing next to nothing.
   */
  static List<Finding> mining(Connection c, LocalDate day, AnomalySettings s) throws SQLException {
    OffsetDateTime start = SpendDetectors.start(day);
    OffsetDateTime end = start.plusDays(1);
    Map<String, long[]> owners = new LinkedHashMap<>();
    for (Object[] r : Sql.rows(c, "SELECT owner_key, COUNT(*) FROM run_record WHERE created_at >= ? AND created_at < ?"
        + ABUSE + " GROUP BY owner_key ORDER BY owner_key", start, end)) {
      owners.computeIfAbsent((String) r[0], k -> new long[2])[0] = Sql.number(r[1]);
    }
    for (Object[] r : Sql.rows(c, "SELECT owner_key, COUNT(*) FROM run_record WHERE created_at >= ? AND created_at < ?"
        + BUSY + " GROUP BY owner_key HAVING COUNT(*) >= ? ORDER BY owner_key", start, end, s.miningRuns())) {
      owners.computeIfAbsent((String) r[0], k -> new long[2])[1] = Sql.number(r[1]);
    }
    List<Finding> out = new ArrayList<>();
    for (Map.Entry<String, long[]> e : owners.entrySet()) {
      String owner = e.getKey();
      long refused = e.getValue()[0];
      long busy = e.getValue()[1];
      List<String> why = new ArrayList<>();
      if (refused > 0) {
        why.add(refused + " run" + (refused == 1 ? " was" : "s were") + " refused for mining or fork-bomb signatures");
      }
      if (busy > 0) {
        why.add(busy + " runs kept the CPU busy at their limit for their whole time while printing almost nothing");
      }
      LinkedHashSet<UUID> runs = new LinkedHashSet<>(Sql.ids(c, "SELECT id FROM run_record WHERE owner_key = ?"
          + " AND created_at >= ? AND created_at < ?" + ABUSE + RUNS, owner, start, end));
      runs.addAll(Sql.ids(c, "SELECT id FROM run_record WHERE owner_key = ? AND created_at >= ? AND created_at < ?"
          + BUSY + RUNS, owner, start, end));
      out.add(Finding.ofDay(AnomalyKind.LIKELY_MINING, owner, refused > 0 ? Finding.Severity.HIGH : Finding.Severity.MEDIUM,
          Learners.describe(c, owner) + " on " + day + ": " + String.join("; ", why) + ".", day,
          new ArrayList<>(runs).subList(0, Math.min(20, runs.size()))));
    }
    return out;
  }

  /** Client addresses from which more accounts than allowed ran code or signed up in the day. */
  static List<Finding> accountsPerAddress(Connection c, LocalDate day, AnomalySettings s) throws SQLException {
    if (s.accountsPerAddress() <= 0) {
      return List.of();
    }
    OffsetDateTime start = SpendDetectors.start(day);
    OffsetDateTime end = start.plusDays(1);
    List<Finding> out = new ArrayList<>();
    for (Object[] r : Sql.rows(c, "SELECT address, COUNT(DISTINCT account) FROM ("
        + " SELECT client_address AS address, user_id AS account FROM run_record WHERE created_at >= ? AND created_at < ?"
        + " AND user_id IS NOT NULL AND client_address IS NOT NULL"
        + " UNION SELECT signup_address, id FROM app_user WHERE created_at >= ? AND created_at < ?"
        + " AND signup_address IS NOT NULL) t GROUP BY address HAVING COUNT(DISTINCT account) > ? ORDER BY address",
        start, end, start, end, s.accountsPerAddress())) {
      String address = (String) r[0];
      long accounts = Sql.number(r[1]);
      out.add(Finding.ofDay(AnomalyKind.ACCOUNTS_PER_ADDRESS, address,
          accounts > 3L * s.accountsPerAddress() ? Finding.Severity.HIGH : Finding.Severity.MEDIUM,
          accounts + " accounts ran code or signed up from address " + address + " on " + day + " (more than "
              + s.accountsPerAddress() + "): free accounts made to get more runs, or a classroom behind one address.",
          day, Sql.ids(c, "SELECT id FROM run_record WHERE client_address = ? AND user_id IS NOT NULL"
              + " AND created_at >= ? AND created_at < ?" + RUNS, address, start, end)));
    }
    return out;
  }
}
