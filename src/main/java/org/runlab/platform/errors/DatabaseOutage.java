package org.runlab.platform.errors;

import java.sql.SQLException;

/**
 * Tells a database that is away (restarting, unreachable, out of connections) from a request the
 * database refused: the first is worth a 503 and a retry, the second is not.
 */
public final class DatabaseOutage {
  private DatabaseOutage() {}

  /** Whether {@code e} comes from losing the database rather than from what was asked of it. */
  public static boolean isCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException s && away(s)) {
        return true;
      }
      String name = t.getClass().getName();
      if (name.endsWith("PoolingException") || name.endsWith("ResourceAllocationException")
          || name.endsWith("JDBCConnectionException")) {
        return true;
      }
    }
    return false;
  }

  /** SQLState class 08 (connection exception) or 57P01-57P03 (PostgreSQL shutting down or starting). */
  private static boolean away(SQLException s) {
    String state = s.getSQLState();
    if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
      return true;
    }
    String m = s.getMessage();
    return m != null && (m.contains("Error in allocating a connection") || m.contains("Connection refused"));
  }
}
