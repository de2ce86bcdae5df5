package org.runlab.reports;

import jakarta.annotation.Resource;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.runlab.platform.DatabaseMigrator;

/**
 * Adds a chunk of runs to the report's lines per tier, engine and lesson (learners are summed by
 * the database in the last step: a chunk holds as many learners as runs, so adding them here
 * would cost an update per run). The additions
 * are not idempotent on purpose: they commit in the chunk's transaction together with the reader's
 * checkpoint (one datasource, one connection), so each run is counted exactly once even when the
 * job is killed mid-chunk and restarted.
 */
@Dependent
@Named("costLineWriter")
public class CostLineWriter extends AbstractItemWriter {
  static final String NO_LESSON = "(no lesson)";

  @Inject JobContext job;
  @Inject BatchPacing pacing;

  @Resource(lookup = DatabaseMigrator.DATASOURCE)
  DataSource ds;

  private long reportId;

  /** A line's sums within one chunk. */
  static final class Sums {
    final String section;
    final String key;
    long runs;
    long cpuMs;
    long wallMs;
    BigDecimal cost = BigDecimal.ZERO;

    Sums(String section, String key) {
      this.section = section;
      this.key = key;
    }

    void add(LedgerRow r) {
      runs++;
      cpuMs += r.cpuMs();
      wallMs += r.wallMs();
      cost = cost.add(r.cost());
    }
  }

  @Override
  public void open(Serializable checkpoint) throws SQLException {
    reportId = CostReportOpen.reportOf(ds, job.getInstanceId());
  }

  @Override
  public void writeItems(List<Object> items) throws SQLException {
    Map<String, Sums> lines = new LinkedHashMap<>();
    for (Object o : items) {
      LedgerRow r = (LedgerRow) o;
      line(lines, "TIER", r.tier()).add(r);
      line(lines, "ENGINE", r.engine()).add(r);
      line(lines, "LESSON", r.lesson() == null ? NO_LESSON : r.lesson()).add(r);
    }
    addTo(ds, reportId, new ArrayList<>(lines.values()));
    pacing.pause();
  }

  private static Sums line(Map<String, Sums> lines, String section, String key) {
    return lines.computeIfAbsent(section + "\u0000" + key, k -> new Sums(section, key));
  }

  /** Adds the sums to the report's lines: one batch of updates, then one of inserts for new lines. */
  static void addTo(DataSource ds, long reportId, List<Sums> sums) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement upd = c.prepareStatement("UPDATE cost_report_line SET runs = runs + ?, cpu_ms = cpu_ms + ?,"
            + " wall_ms = wall_ms + ?, cost_usd = cost_usd + ? WHERE report_id = ? AND section = ? AND line_key = ?")) {
      for (Sums s : sums) {
        upd.setLong(1, s.runs);
        upd.setLong(2, s.cpuMs);
        upd.setLong(3, s.wallMs);
        upd.setBigDecimal(4, s.cost);
        upd.setLong(5, reportId);
        upd.setString(6, s.section);
        upd.setString(7, s.key);
        upd.addBatch();
      }
      int[] counts = upd.executeBatch();
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO cost_report_line (report_id, section, line_key,"
          + " runs, cpu_ms, wall_ms, cost_usd) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        boolean any = false;
        for (int i = 0; i < counts.length; i++) {
          if (counts[i] == 0) {
            Sums s = sums.get(i);
            ins.setLong(1, reportId);
            ins.setString(2, s.section);
            ins.setString(3, s.key);
            ins.setLong(4, s.runs);
            ins.setLong(5, s.cpuMs);
            ins.setLong(6, s.wallMs);
            ins.setBigDecimal(7, s.cost);
            ins.addBatch();
            any = true;
          }
        }
        if (any) {
          ins.executeBatch();
        }
      }
    }
  }
}
