package org.runlab.reports;

import jakarta.annotation.Resource;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.runlab.platform.DatabaseMigrator;
import org.runlab.platform.errors.ConflictException;
import org.runlab.platform.errors.NotFoundException;

/**
 * The platform's batch runtime, as Runlab uses it: start, stop and restart executions, and read
 * them (with their progress) from the job repository, which every instance shares.
 */
@ApplicationScoped
public class BatchJobs {
  private static final Logger LOG = Logger.getLogger(BatchJobs.class.getName());
  private static final String RUNS = "SELECT e.jobexecid, e.jobinstanceid, i.name, e.batchstatus, e.exitstatus,"
      + " e.createtime, e.starttime, e.endtime,"
      + " (SELECT COALESCE(SUM(p.read_count), 0) FROM job_progress p WHERE p.execution_id = e.jobexecid),"
      + " (SELECT COALESCE(SUM(p.write_count), 0) FROM job_progress p WHERE p.execution_id = e.jobexecid),"
      + " (SELECT COALESCE(SUM(p.total_count), 0) FROM job_progress p WHERE p.execution_id = e.jobexecid),"
      + " (SELECT MAX(p.instance_name) FROM job_progress p WHERE p.execution_id = e.jobexecid),"
      + " (SELECT MAX(p.updated_at) FROM job_progress p WHERE p.execution_id = e.jobexecid)"
      + " FROM jbatchexecutioninstancedata e JOIN jbatchjobinstancedata i ON i.jobinstanceid = e.jobinstanceid";

  @Resource(lookup = DatabaseMigrator.DATASOURCE)
  DataSource ds;

  JobOperator operator() {
    return BatchRuntime.getJobOperator();
  }

  /** Starts {@code job} now on this instance; its execution id. */
  public long start(String job, Properties parameters) {
    long id = operator().start(job, parameters);
    LOG.info("Started " + job + " as execution " + id + " with " + parameters);
    return id;
  }

  /** Stops an execution running on this instance. */
  public void stop(long execution) {
    try {
      operator().stop(execution);
    } catch (NoSuchJobExecutionException e) {
      throw notFound(execution);
    } catch (JobExecutionNotRunningException e) {
      throw new ConflictException("Not running here", "Execution " + execution + " is not running on this"
          + " instance: it has ended, or another instance runs it (stop it there).");
    }
  }

  /** Restarts a failed or stopped execution from its last checkpoint, with its own parameters. */
  public long restart(long execution) {
    JobRun run = find(execution).orElseThrow(() -> notFound(execution));
    if (!run.restartable()) {
      throw new ConflictException("Cannot restart", "Execution " + execution + " is " + run.status()
          + "; only a failed or stopped execution can be restarted.");
    }
    try {
      Properties p = operator().getParameters(execution);
      long id = operator().restart(execution, p == null ? new Properties() : p);
      LOG.info("Restarted execution " + execution + " of " + run.jobName() + " as " + id);
      return id;
    } catch (JobExecutionNotMostRecentException e) {
      throw new ConflictException("Cannot restart", "Execution " + execution
          + " has been restarted already; restart its latest execution.");
    } catch (JobExecutionAlreadyCompleteException | JobRestartException e) {
      throw new ConflictException("Cannot restart", "Execution " + execution + " cannot be restarted: "
          + e.getMessage());
    }
  }

  /** The execution's parameters. */
  public Properties parameters(long execution) {
    try {
      Properties p = operator().getParameters(execution);
      return p == null ? new Properties() : p;
    } catch (NoSuchJobExecutionException e) {
      throw notFound(execution);
    }
  }

  /** Whether this instance runs {@code execution} right now. */
  boolean runningHere(String job, long execution) {
    try {
      return operator().getRunningExecutions(job).contains(execution);
    } catch (RuntimeException e) {
      return false;
    }
  }

  public Optional<JobRun> find(long execution) {
    List<JobRun> runs = query(RUNS + " WHERE e.jobexecid = ?", execution);
    return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
  }

  /** The newest executions of the finance jobs, newest first. */
  public List<JobRun> recent(int max) {
    return query(RUNS + " WHERE i.name IN ('" + Jobs.COST_REPORT + "', '" + Jobs.ANOMALY_SCAN + "')"
        + " ORDER BY e.jobexecid DESC FETCH FIRST " + Math.max(1, max) + " ROWS ONLY");
  }

  /** Executions of a job instance, newest first. */
  public List<JobRun> ofInstance(long jobInstance) {
    return query(RUNS + " WHERE e.jobinstanceid = ? ORDER BY e.jobexecid DESC", jobInstance);
  }

  private List<JobRun> query(String sql, Object... params) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      List<JobRun> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          OffsetDateTime beat = rs.getObject(13, OffsetDateTime.class);
          out.add(new JobRun(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
              instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), rs.getLong(9),
              rs.getLong(10), rs.getLong(11), rs.getString(12), beat == null ? null : beat.toInstant()));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the job repository", e);
    }
  }

  static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  static NotFoundException notFound(long execution) {
    return new NotFoundException("No such job execution", "There is no job execution " + execution + ".");
  }
}
