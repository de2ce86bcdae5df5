package org.runlab.reports;

import jakarta.annotation.Resource;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.runlab.platform.DatabaseMigrator;

/** The cost report's first step: its row, made once per job instance (a restart finds it). */
@Dependent
@Named("costReportOpen")
public class CostReportOpen extends AbstractBatchlet {
  @Inject JobContext job;
  @Inject @BatchProperty String from;
  @Inject @BatchProperty String to;
  @Inject @BatchProperty String kind;
  @Inject @BatchProperty String requestedBy;

  @Resource(lookup = DatabaseMigrator.DATASOURCE)
  DataSource ds;

  @Override
  public String process() throws SQLException {
    if (find(ds, job.getInstanceId()) == null) {
      Period p = Period.of(from, to);
      try (Connection c = ds.getConnection();
          PreparedStatement ps = c.prepareStatement("INSERT INTO cost_report (job_instance_id, execution_id, kind,"
              + " period_from, period_to, state, requested_by, created_at) VALUES (?, ?, ?, ?, ?, 'RUNNING', ?, ?)")) {
        ps.setLong(1, job.getInstanceId());
        ps.setLong(2, job.getExecutionId());
        ps.setString(3, kind == null || kind.isBlank() ? "PERIOD" : kind);
        ps.setDate(4, Date.valueOf(p.from()));
        ps.setDate(5, Date.valueOf(p.to()));
        ps.setString(6, requestedBy == null || requestedBy.isBlank() ? "schedule" : requestedBy);
        ps.setObject(7, OffsetDateTime.now(ZoneOffset.UTC));
        ps.executeUpdate();
      }
    }
    return "OPENED";
  }

  /** The report of a cost-report job instance; an error when there is none yet. */
  static long reportOf(DataSource ds, long jobInstance) throws SQLException {
    Long id = find(ds, jobInstance);
    if (id == null) {
      throw new IllegalStateException("no cost report for job instance " + jobInstance);
    }
    return id;
  }

  static Long find(DataSource ds, long jobInstance) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id FROM cost_report WHERE job_instance_id = ?")) {
      ps.setLong(1, jobInstance);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }
}
