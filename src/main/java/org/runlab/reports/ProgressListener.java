package org.runlab.reports;

import jakarta.annotation.Resource;
import jakarta.batch.api.chunk.listener.ChunkListener;
import jakarta.batch.api.chunk.listener.ItemReadListener;
import jakarta.batch.api.chunk.listener.ItemWriteListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.runlab.platform.DatabaseMigrator;

/**
 * Publishes a chunk step's progress (items read and written, out of how many) to {@code
 * job_progress} at the end of every chunk, in the chunk's own transaction, so it is exactly as
 * current as the last committed chunk and every instance sees it: Payara stores a step's counts
 * only when the step ends. Its time is the execution's heartbeat ({@link OrphanRecovery}).
 */
@Dependent
@Named("progressListener")
public class ProgressListener implements ChunkListener, ItemReadListener, ItemWriteListener {
  @Inject JobContext job;
  @Inject StepContext step;
  @Inject JobLauncher launcher;

  @Resource(lookup = DatabaseMigrator.DATASOURCE)
  DataSource ds;

  private long read = -1;
  private long written;

  @Override
  public void beforeChunk() {
    if (read < 0) {
      read = progress().done();
      written = read;
    }
  }

  private KeysetReader.Progress progress() {
    return step.getTransientUserData() instanceof KeysetReader.Progress p ? p : new KeysetReader.Progress(0, 0);
  }

  @Override
  public void afterRead(Object item) {
    if (item != null) {
      read++;
    }
  }

  @Override
  public void afterWrite(List<Object> items) {
    written += items.size();
  }

  @Override
  public void afterChunk() throws SQLException {
    KeysetReader.Progress p = progress();
    long done = p.positional() ? p.done() : read;
    publish(ds, job.getExecutionId(), step.getStepName(), launcher.instance(), done, written,
        Math.max(p.total(), done));
  }

  /** Upserts one step's progress row. */
  static void publish(DataSource ds, long execution, String stepName, String instance, long read, long written,
      long total) throws SQLException {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    try (Connection c = ds.getConnection();
        PreparedStatement upd = c.prepareStatement("UPDATE job_progress SET read_count = ?, write_count = ?,"
            + " total_count = ?, instance_name = ?, updated_at = ? WHERE execution_id = ? AND step_name = ?")) {
      upd.setLong(1, read);
      upd.setLong(2, written);
      upd.setLong(3, total);
      upd.setString(4, instance);
      upd.setObject(5, now);
      upd.setLong(6, execution);
      upd.setString(7, stepName);
      if (upd.executeUpdate() == 0) {
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO job_progress (execution_id, step_name,"
            + " instance_name, read_count, write_count, total_count, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
          ins.setLong(1, execution);
          ins.setString(2, stepName);
          ins.setString(3, instance);
          ins.setLong(4, read);
          ins.setLong(5, written);
          ins.setLong(6, total);
          ins.setObject(7, now);
          ins.executeUpdate();
        }
      }
    }
  }

  @Override
  public void onError(Exception e) {}

  @Override
  public void beforeRead() {}

  @Override
  public void onReadError(Exception e) {}

  @Override
  public void beforeWrite(List<Object> items) {}

  @Override
  public void onWriteError(List<Object> items, Exception e) {}
}
