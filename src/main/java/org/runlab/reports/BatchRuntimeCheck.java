package org.runlab.reports;

import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.runlab.platform.DatabaseMigrator;

/**
 * Proves at start that the batch runtime keeps its job repository in Runlab's own database. Payara
 * falls back silently to its embedded {@code jdbc/__default} H2 database (which opens a TCP
 * server on every interface) when the pre-boot setting is missing or fails; then jobs would vanish
 * at restart and no other instance would see them. A one-step job ends with a random exit status,
 * which must then be found in Runlab's {@code jbatchexecutioninstancedata}.
 */
@ApplicationScoped
public class BatchRuntimeCheck {
  private static final Logger LOG = Logger.getLogger(BatchRuntimeCheck.class.getName());

  @Inject BatchJobs jobs;

  @Resource(lookup = DatabaseMigrator.DATASOURCE)
  DataSource ds;

  private volatile Boolean passed;
  private volatile String problem;

  /** Whether the check has passed; false before it ran or when it failed. */
  public boolean passed() {
    return Boolean.TRUE.equals(passed);
  }

  /** Why the check failed; empty while it has not failed. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  /** Runs the check (once it passed, never again). */
  public synchronized boolean run() {
    if (passed()) {
      return true;
    }
    String nonce = UUID.randomUUID().toString();
    try {
      Properties p = new Properties();
      p.setProperty(Jobs.NONCE, nonce);
      long id = jobs.start(Jobs.RUNTIME_CHECK, p);
      JobExecution e = jobs.operator().getJobExecution(id);
      for (int i = 0; i < 600 && !ended(e.getBatchStatus()); i++) {
        Thread.sleep(100);
        e = jobs.operator().getJobExecution(id);
      }
      if (foundHere(id, nonce)) {
        passed = true;
        problem = null;
        LOG.info("Batch runtime check passed: job repository is Runlab's database (execution " + id + ")");
        return true;
      }
      fail("The batch runtime keeps its jobs outside Runlab's database (execution " + id + " is not in it):"
          + " most likely Payara's embedded jdbc/__default, which opens an H2 TCP server. Check the batch lines"
          + " of payara-config/pre-boot-commands.asadmin; cost reports and anomaly scans stay off until then.", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      fail("The batch runtime does not work: " + e + ". Cost reports and anomaly scans stay off.", e);
    }
    return false;
  }

  private void fail(String why, Exception e) {
    passed = false;
    problem = why;
    LOG.log(Level.SEVERE, why, e);
  }

  private static boolean ended(BatchStatus s) {
    return s == BatchStatus.COMPLETED || s == BatchStatus.FAILED || s == BatchStatus.STOPPED
        || s == BatchStatus.ABANDONED;
  }

  private boolean foundHere(long id, String nonce) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM jbatchexecutioninstancedata"
            + " WHERE jobexecid = ? AND exitstatus = ?")) {
      ps.setLong(1, id);
      ps.setString(2, nonce);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getLong(1) == 1;
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("Cannot read the job repository", e);
    }
  }
}
