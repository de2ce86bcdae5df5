package org.runlab.reports;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Small JDBC helpers for the jobs' queries: bind in order, read rows as arrays. */
final class Sql {
  private Sql() {}

  static PreparedStatement bind(Connection c, String sql, Object... params) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
    return ps;
  }

  /** Every row, each column as JDBC gives it (numbers as BigDecimal or Long, ids as UUID). */
  static List<Object[]> rows(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = bind(c, sql, params); ResultSet rs = ps.executeQuery()) {
      int n = rs.getMetaData().getColumnCount();
      List<Object[]> out = new ArrayList<>();
      while (rs.next()) {
        Object[] row = new Object[n];
        for (int i = 0; i < n; i++) {
          row[i] = rs.getObject(i + 1);
        }
        out.add(row);
      }
      return out;
    }
  }

  static BigDecimal decimal(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = bind(c, sql, params); ResultSet rs = ps.executeQuery()) {
      return rs.next() && rs.getBigDecimal(1) != null ? rs.getBigDecimal(1) : BigDecimal.ZERO;
    }
  }

  static List<UUID> ids(Connection c, String sql, Object... params) throws SQLException {
    List<UUID> out = new ArrayList<>();
    try (PreparedStatement ps = bind(c, sql, params); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getObject(1, UUID.class));
      }
    }
    return out;
  }

  static BigDecimal decimal(Object o) {
    return o == null ? BigDecimal.ZERO : o instanceof BigDecimal b ? b : new BigDecimal(o.toString());
  }

  static long number(Object o) {
    return o == null ? 0 : ((Number) o).longValue();
  }
}
