package org.runlab.reports;

import jakarta.annotation.Resource;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.StepContext;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import javax.sql.DataSource;
import org.runlab.platform.DatabaseMigrator;

/**
 * Reads a table's rows of one period in (time, id) order, one page in memory at a time: each page
 * is a short query for the rows after the last one fetched, so no cursor is held across chunk
 * commits and memory stays bounded however long the period. The checkpoint is the key of the last
 * row handed to the step, so a restart goes on right after the last committed chunk.
 *
 * @param <T> the row as the step's writer takes it
 */
abstract class KeysetReader<T> extends AbstractItemReader {
  @Inject StepContext step;
  @Inject @BatchProperty String from;
  @Inject @BatchProperty String to;
  @Inject @BatchProperty String pageSize;

  @Resource(lookup = DatabaseMigrator.DATASOURCE)
  DataSource ds;

  private Period period;
  private int rows;
  private Keyset handedOut;
  private Keyset fetched;
  private boolean exhausted;
  private final ArrayDeque<T> page = new ArrayDeque<>();

  /** The rows of a page: the period, {@link #after}, ordered by time and id, a page long. */
  abstract String pageQuery();

  /** How many rows of the period there are, at or before {@code upTo} when that is given. */
  abstract String countQuery(boolean upTo);

  abstract T row(ResultSet rs) throws SQLException;

  abstract Keyset keyOf(T row);

  @Override
  public void open(Serializable checkpoint) throws SQLException {
    period = Period.of(from, to);
    rows = Integer.parseInt(pageSize);
    handedOut = Keyset.parse(checkpoint);
    fetched = handedOut;
    long total = count(false);
    long done = handedOut.isStart() ? 0 : count(true);
    step.setTransientUserData(new Progress(total, done));
  }

  private long count(boolean upToCheckpoint) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(countQuery(upToCheckpoint))) {
      ps.setObject(1, period.start());
      ps.setObject(2, period.end());
      if (upToCheckpoint) {
        ps.setObject(3, handedOut.at());
        ps.setObject(4, handedOut.at());
        ps.setObject(5, handedOut.id());
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Override
  public Object readItem() throws SQLException {
    if (page.isEmpty() && !exhausted) {
      fetchPage();
    }
    T row = page.poll();
    if (row != null) {
      handedOut = keyOf(row);
    }
    return row;
  }

  private void fetchPage() throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(pageQuery())) {
      boolean first = fetched.isStart();
      OffsetDateTime lastAt = first ? period.start() : fetched.at();
      ps.setObject(1, period.start());
      ps.setObject(2, period.end());
      ps.setObject(3, lastAt);
      ps.setBoolean(4, first);
      ps.setObject(5, lastAt);
      ps.setObject(6, first ? new java.util.UUID(0, 0) : fetched.id());
      ps.setInt(7, rows);
      int n = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          T row = row(rs);
          page.add(row);
          fetched = keyOf(row);
          n++;
        }
      }
      exhausted = n < rows;
    }
  }

  /**
   * The page query's condition for a table with time column {@code at}: in the period, and after
   * the last row fetched in (time, id) order (everything from the period's start when parameter 4
   * is true). The time's lower bound is its own condition so the index range starts there: each
   * page costs the same however far into the period it is. Then {@code ORDER BY at, id FETCH FIRST
   * ? ROWS ONLY}.
   */
  static String after(String at) {
    return at + " >= ? AND " + at + " < ? AND " + at + " >= ? AND (? OR " + at + " > ? OR id > ?)";
  }

  /** The count query's condition: in the period, and (with {@code upTo}) at or before a key. */
  static String upTo(String at, boolean upTo) {
    return at + " >= ? AND " + at + " < ?" + (upTo ? " AND (" + at + " < ? OR (" + at + " = ? AND id <= ?))" : "");
  }

  @Override
  public Serializable checkpointInfo() {
    return handedOut.text();
  }

  /**
   * How far a step is: items in all and those done before this execution (a restart); when
   * {@code positional}, {@code done} is the reader's own position, kept up to date as it reads.
   */
  record Progress(long total, long done, boolean positional) {
    Progress(long total, long done) {
      this(total, done, false);
    }
  }
}
