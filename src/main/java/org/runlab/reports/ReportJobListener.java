package org.runlab.reports;

import jakarta.annotation.Resource;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.runlab.platform.DatabaseMigrator;

/**
 * Keeps a stored report's (or scan's) state in step with its job: running again when restarted,
 * failed or stopped when the job ends without its last step having completed it.
 */
@Dependent
@Named("reportJobListener")
public class ReportJobListener implements JobListener {
  @Inject JobContext job;
  /** {@code cost_report} or {@code anomaly_scan}. */
  @Inject @BatchProperty String table;

  @Resource(lookup = DatabaseMigrator.DATASOURCE)
  DataSource ds;

  @Override
  public void beforeJob() throws SQLException {
    update("UPDATE " + table() + " SET state = 'RUNNING', execution_id = ?, completed_at = NULL"
        + " WHERE job_instance_id = ? AND state <> 'COMPLETED'", job.getExecutionId());
  }

  @Override
  public void afterJob() throws SQLException {
    String state = job.getBatchStatus() == BatchStatus.STOPPED || job.getBatchStatus() == BatchStatus.STOPPING
        ? "STOPPED" : "FAILED";
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE " + table() + " SET state = ? WHERE job_instance_id = ?"
            + " AND state = 'RUNNING'")) {
      ps.setString(1, state);
      ps.setLong(2, job.getInstanceId());
      ps.executeUpdate();
    }
  }

  private void update(String sql, long execution) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, execution);
      ps.setLong(2, job.getInstanceId());
      ps.executeUpdate();
    }
  }

  private String table() {
    return "anomaly_scan".equals(table) ? "anomaly_scan" : "cost_report";
  }
}
