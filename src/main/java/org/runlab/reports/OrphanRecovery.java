package org.runlab.reports;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.runlab.platform.DatabaseMigrator;

/**
 * Restarts executions whose instance died (kill -9, power loss). Payara leaves such an execution
 * STARTED for good: abandon refuses it ("still running"), stop works only on the instance that ran
 * it, but restart accepts it, even while it really runs elsewhere. So an execution counts as
 * orphaned only when its heartbeat (its last progress row, else its start) is older than {@code
 * runlab.batch.orphan-after} and this instance does not run it; the conditional update to FAILED
 * is the claim (exactly one instance changes the row); the claimant restarts it with its own
 * parameters, and its readers resume from the last checkpoint.
 */
@ApplicationScoped
public class OrphanRecovery {
  private static final Logger LOG = Logger.getLogger(OrphanRecovery.class.getName());

  @Inject BatchJobs jobs;

  @Resource(lookup = DatabaseMigrator.DATASOURCE)
  DataSource ds;

  /** Restarts the orphans older than {@code after}; the new executions' ids. */
  public List<Long> recover(Duration after) {
    List<Long> restarted = new ArrayList<>();
    Instant stale = Instant.now().minus(after);
    for (Object[] candidate : running()) {
      long id = (Long) candidate[0];
      String job = (String) candidate[1];
      Instant beat = (Instant) candidate[2];
      if (beat == null || beat.isAfter(stale) || jobs.runningHere(job, id) || !claim(id)) {
        continue;
      }
      long next = jobs.restart(id);
      LOG.warning("Execution " + id + " of " + job + " lost its instance (last heard of at " + beat
          + "); restarted from its last checkpoint as " + next);
      restarted.add(next);
    }
    return restarted;
  }

  /** Executions the repository says are running: id, job, heartbeat. */
  private List<Object[]> running() {
    List<Object[]> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT e.jobexecid, i.name, e.createtime, e.starttime, e.updatetime,"
            + " (SELECT MAX(p.updated_at) FROM job_progress p WHERE p.execution_id = e.jobexecid)"
            + " FROM jbatchexecutioninstancedata e JOIN jbatchjobinstancedata i ON i.jobinstanceid = e.jobinstanceid"
            + " WHERE e.batchstatus IN ('STARTING', 'STARTED')")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant beat = latest(BatchJobs.instant(rs.getTimestamp(3)), BatchJobs.instant(rs.getTimestamp(4)),
              BatchJobs.instant(rs.getTimestamp(5)));
          OffsetDateTime progress = rs.getObject(6, OffsetDateTime.class);
          beat = latest(beat, progress == null ? null : progress.toInstant());
          out.add(new Object[] {rs.getLong(1), rs.getString(2), beat});
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read running executions", e);
    }
    return out;
  }

  private boolean claim(long id) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE jbatchexecutioninstancedata SET batchstatus = 'FAILED',"
            + " exitstatus = 'ORPHANED', endtime = ?, updatetime = ? WHERE jobexecid = ?"
            + " AND batchstatus IN ('STARTING', 'STARTED')")) {
      java.sql.Timestamp now = new java.sql.Timestamp(System.currentTimeMillis());
      ps.setTimestamp(1, now);
      ps.setTimestamp(2, now);
      ps.setLong(3, id);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot claim execution " + id, e);
    }
  }

  private static Instant latest(Instant... instants) {
    Instant out = null;
    for (Instant i : instants) {
      if (i != null && (out == null || i.isAfter(out))) {
        out = i;
      }
    }
    return out;
  }
}
