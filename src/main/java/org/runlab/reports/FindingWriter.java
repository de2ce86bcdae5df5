package org.runlab.reports;

import jakarta.annotation.Resource;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.runlab.platform.DatabaseMigrator;

/**
 * Stores a chunk of findings in the chunk's transaction: a new one (by its key) is inserted, open,
 * not alerted yet; one found before gets its evidence and last-seen time updated. The runs that
 * show each are linked.
 */
@Dependent
@Named("findingWriter")
public class FindingWriter extends AbstractItemWriter {
  @Inject JobContext job;
  @Inject BatchPacing pacing;

  @Resource(lookup = DatabaseMigrator.DATASOURCE)
  DataSource ds;

  private long scan;

  @Override
  public void open(Serializable checkpoint) throws SQLException {
    scan = AnomalyScanOpen.scanOf(ds, job.getInstanceId());
  }

  @Override
  public void writeItems(List<Object> items) throws SQLException {
    int added = 0;
    try (Connection c = ds.getConnection()) {
      for (Object o : items) {
        Finding f = (Finding) o;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Long id = seenAgain(c, f, now);
        if (id == null) {
          id = insert(c, f, now);
          added++;
        }
        link(c, id, f.runs());
      }
      try (PreparedStatement ps = Sql.bind(c, "UPDATE anomaly_scan SET findings = findings + ?,"
          + " new_findings = new_findings + ? WHERE id = ?", items.size(), added, scan)) {
        ps.executeUpdate();
      }
    }
    pacing.pause();
  }

  private Long seenAgain(Connection c, Finding f, OffsetDateTime now) throws SQLException {
    try (PreparedStatement ps = Sql.bind(c, "UPDATE anomaly SET last_seen = ?, evidence = ?, severity = ?"
        + " WHERE dedupe_key = ?", now, f.evidence(), f.severity().name(), f.key())) {
      if (ps.executeUpdate() == 0) {
        return null;
      }
    }
    try (PreparedStatement ps = Sql.bind(c, "SELECT id FROM anomaly WHERE dedupe_key = ?", f.key());
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private long insert(Connection c, Finding f, OffsetDateTime now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO anomaly (dedupe_key, kind, subject, severity, evidence,"
        + " found_day, first_seen, last_seen, scan_id, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')", new String[] {"id"})) {
      ps.setString(1, f.key());
      ps.setString(2, f.kind().name());
      ps.setString(3, f.subject());
      ps.setString(4, f.severity().name());
      ps.setString(5, f.evidence());
      ps.setDate(6, Date.valueOf(f.day()));
      ps.setObject(7, now);
      ps.setObject(8, now);
      ps.setLong(9, scan);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  private static void link(Connection c, long anomaly, List<UUID> runs) throws SQLException {
    if (runs.isEmpty()) {
      return;
    }
    Set<UUID> linked = new HashSet<>(Sql.ids(c, "SELECT run_id FROM anomaly_run WHERE anomaly_id = ?", anomaly));
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO anomaly_run (anomaly_id, run_id) VALUES (?, ?)")) {
      boolean any = false;
      for (UUID run : runs) {
        if (linked.add(run)) {
          ps.setLong(1, anomaly);
          ps.setObject(2, run);
          ps.addBatch();
          any = true;
        }
      }
      if (any) {
        ps.executeBatch();
      }
    }
  }
}
