package org.runlab.reports;

import jakarta.annotation.Resource;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import javax.sql.DataSource;
import org.runlab.platform.DatabaseMigrator;
import org.runlab.platform.alert.AlertSink;

/**
 * The anomaly scan's last step: one alert (log, dashboard, webhook) for every finding not alerted
 * yet. The alert's key is the finding's, so even a restart between the alert and its mark tells
 * nobody twice.
 */
@Dependent
@Named("anomalyAlerts")
public class AnomalyAlerts extends AbstractBatchlet {
  @Inject JobContext job;
  @Inject AlertSink alerts;

  @Resource(lookup = DatabaseMigrator.DATASOURCE)
  DataSource ds;

  @Override
  public String process() throws SQLException {
    long scan = AnomalyScanOpen.scanOf(ds, job.getInstanceId());
    try (Connection c = ds.getConnection()) {
      for (Object[] r : Sql.rows(c, "SELECT id, kind, evidence FROM anomaly WHERE alerted_at IS NULL ORDER BY id")) {
        long id = Sql.number(r[0]);
        AnomalyKind kind = AnomalyKind.valueOf((String) r[1]);
        alerts.raise("anomaly-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-'), "anomaly:" + id,
            kind.title() + ": " + r[2]);
        try (PreparedStatement ps = Sql.bind(c, "UPDATE anomaly SET alerted_at = ? WHERE id = ?",
            OffsetDateTime.now(ZoneOffset.UTC), id)) {
          ps.executeUpdate();
        }
      }
      try (PreparedStatement ps = Sql.bind(c, "UPDATE anomaly_scan SET state = 'COMPLETED', completed_at = ?"
          + " WHERE id = ?", OffsetDateTime.now(ZoneOffset.UTC), scan)) {
        ps.executeUpdate();
      }
    }
    return "COMPLETED";
  }
}
