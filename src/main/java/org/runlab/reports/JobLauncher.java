package org.runlab.reports;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.runlab.engine.e2b.E2bProducer;
import org.runlab.platform.DatabaseMigrator;

/**
 * Starts a job at most once per (job, run key) across the cluster: every instance keeps the same
 * schedule, and the one that inserts the {@code job_launch} row first (its own autocommitted
 * statement) starts the job; the others get a duplicate key and skip.
 */
@ApplicationScoped
public class JobLauncher {
  private static final Logger LOG = Logger.getLogger(JobLauncher.class.getName());
  private static final String DUPLICATE_KEY = "23505";

  @Inject BatchJobs jobs;
  @Inject E2bProducer e2b;

  @Resource(lookup = DatabaseMigrator.DATASOURCE)
  DataSource ds;

  /** This instance's name in the cluster (the one its E2B sandboxes are tagged with). */
  public String instance() {
    return e2b.settings().instance();
  }

  /** Starts {@code job} unless this run key was launched already; the new execution's id. */
  public OptionalLong startOnce(String job, String runKey, Properties parameters) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO job_launch (job_name, run_key, instance_name,"
            + " created_at) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, job);
      ps.setString(2, runKey);
      ps.setString(3, instance());
      ps.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
      ps.executeUpdate();
    } catch (SQLException e) {
      if (DUPLICATE_KEY.equals(e.getSQLState())) {
        return OptionalLong.empty();
      }
      throw new IllegalStateException("Cannot record the launch of " + job + " " + runKey, e);
    }
    return OptionalLong.of(started(job, runKey, parameters));
  }

  private long started(String job, String runKey, Properties parameters) {
    long id = jobs.start(job, parameters);
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE job_launch SET execution_id = ? WHERE job_name = ?"
            + " AND run_key = ?")) {
      ps.setLong(1, id);
      ps.setString(2, job);
      ps.setString(3, runKey);
      ps.executeUpdate();
    } catch (SQLException e) {
      LOG.warning("Started " + job + " " + runKey + " as " + id + " but could not record it: " + e.getMessage());
    }
    LOG.info("Launched " + job + " " + runKey + " as execution " + id + " on " + instance());
    return id;
  }

  /**
   * Launch rows older than {@code after} that never got an execution (their instance died between
   * the row and the start): claimed again by one instance, which starts them.
   */
  public List<String[]> unstarted(Duration after) {
    List<String[]> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT job_name, run_key FROM job_launch WHERE execution_id IS NULL"
            + " AND created_at < ?")) {
      ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minus(after));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read job launches", e);
    }
    return out;
  }

  /** Claims an unstarted launch older than {@code after} and starts it; empty when another did. */
  public OptionalLong startUnstarted(String job, String runKey, Duration after, Properties parameters) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE job_launch SET instance_name = ?, created_at = ?"
            + " WHERE job_name = ? AND run_key = ? AND execution_id IS NULL AND created_at < ?")) {
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      ps.setString(1, instance());
      ps.setObject(2, now);
      ps.setString(3, job);
      ps.setString(4, runKey);
      ps.setObject(5, now.minus(after));
      if (ps.executeUpdate() != 1) {
        return OptionalLong.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot claim the launch of " + job + " " + runKey, e);
    }
    return OptionalLong.of(started(job, runKey, parameters));
  }

  /** The latest run key launched for {@code job} that starts with {@code prefix}, if any. */
  public java.util.Optional<String> latest(String job, String prefix) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT MAX(run_key) FROM job_launch WHERE job_name = ?"
            + " AND run_key LIKE ?")) {
      ps.setString(1, job);
      ps.setString(2, prefix + "%");
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? java.util.Optional.ofNullable(rs.getString(1)) : java.util.Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read job launches", e);
    }
  }
}
