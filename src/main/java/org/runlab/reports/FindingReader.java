package org.runlab.reports;

import jakarta.annotation.Resource;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.runlab.platform.DatabaseMigrator;

/**
 * Hands the scan's findings on one by one: each day of the period, each detector in turn. The
 * checkpoint is the position (day, detector, finding); a detector's findings for a day come in a
 * fixed order, so a restart asks it again and skips what was already written.
 */
@Dependent
@Named("findingReader")
public class FindingReader extends AbstractItemReader {
  @Inject StepContext step;
  @Inject AnomalyDetectors detectors;
  @Inject @BatchProperty String from;
  @Inject @BatchProperty String to;

  @Resource(lookup = DatabaseMigrator.DATASOURCE)
  DataSource ds;

  private Period period;
  private int days;
  private int day;
  private int detector;
  private int next;
  private List<Finding> current;

  @Override
  public void open(Serializable checkpoint) {
    period = Period.of(from, to);
    days = (int) ChronoUnit.DAYS.between(period.from(), period.to()) + 1;
    if (checkpoint != null) {
      String[] p = checkpoint.toString().split(":");
      day = Integer.parseInt(p[0]);
      detector = Integer.parseInt(p[1]);
      next = Integer.parseInt(p[2]);
    }
    progress();
  }

  @Override
  public Object readItem() throws SQLException {
    while (day < days) {
      if (current == null) {
        try (Connection c = ds.getConnection()) {
          current = detectors.find(detector, c, period.from().plusDays(day), day == days - 1);
        }
      }
      if (next < current.size()) {
        return current.get(next++);
      }
      current = null;
      next = 0;
      if (++detector == AnomalyDetectors.COUNT) {
        detector = 0;
        day++;
      }
      progress();
    }
    return null;
  }

  /** Progress counts (day, detector) pairs looked at, out of all. */
  private void progress() {
    long total = (long) days * AnomalyDetectors.COUNT;
    step.setTransientUserData(new KeysetReader.Progress(total, Math.min(total, (long) day * AnomalyDetectors.COUNT
        + detector), true));
  }

  @Override
  public Serializable checkpointInfo() {
    return day + ":" + detector + ":" + next;
  }
}
