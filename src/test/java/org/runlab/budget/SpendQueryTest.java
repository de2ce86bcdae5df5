package org.runlab.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runlab.platform.DatabaseMigrator;
import org.runlab.platform.TestConfig;

/** The spend SQL on H2 with every migration (V3's sandbox_lease among them). */
class SpendQueryTest {
  @TempDir Path dir;

  @Test
  void anOpenLeaseCostsItsSizeTimesItsAge() {
    OffsetDateTime created = OffsetDateTime.parse("2026-11-26T12:00:00Z");
    BigDecimal cost = SpendQuery.openLeaseCost(2, 512, created, created.plusSeconds(100),
        Pricing.from(TestConfig.defaults()));

    assertThat(cost).isEqualByComparingTo("0.003025");
  }

  @Test
  void theSpendQueriesRunOnTheMigratedSchema() throws Exception {
    org.h2.jdbcx.JdbcDataSource ds = migrated();
    try (Connection c = ds.getConnection()) {
      c.createStatement().execute("INSERT INTO sandbox_lease (id, sandbox_id, template, vcpus, memory_mb, purpose,"
          + " created_at, ended_at, cost_usd) VALUES (RANDOM_UUID(), 'sbx-1', 'code-interpreter-v1', 2, 512, 'SESSION',"
          + " TIMESTAMP WITH TIME ZONE '2026-11-20 10:00:00+00', TIMESTAMP WITH TIME ZONE '2026-11-20 11:00:00+00', 1.5)");
      assertThat(scalar(c, SpendQuery.LEASES_EXIST)).isEqualByComparingTo("1");
      assertThat(between(c, SpendQuery.ENDED_LEASE_COST)).isEqualByComparingTo("1.5");
      assertThat(between(c, SpendQuery.LOCAL_COST)).isEqualByComparingTo("0");
      try (ResultSet rs = c.createStatement().executeQuery(SpendQuery.OPEN_LEASES)) {
        assertThat(rs.next()).isFalse();
      }
      c.createStatement().execute("INSERT INTO sandbox_lease (id, sandbox_id, template, vcpus, memory_mb, purpose,"
          + " created_at) VALUES (RANDOM_UUID(), 'sbx-2', 'code-interpreter-v1', 2, 512, 'POOL',"
          + " TIMESTAMP WITH TIME ZONE '2026-11-26 12:00:00+00')");
      try (ResultSet rs = c.createStatement().executeQuery(SpendQuery.OPEN_LEASES)) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(2);
        assertThat(rs.next()).isFalse();
      }
      assertThat(between(c, SpendQuery.ENDED_LEASE_COST)).as("an open lease has no price yet")
          .isEqualByComparingTo("1.5");
    }
  }

  @Test
  void theBudgetFindsLeasesByTheirEndThroughAnIndex() throws Exception {
    org.h2.jdbcx.JdbcDataSource ds = migrated();
    try (Connection c = ds.getConnection();
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM information_schema.index_columns"
            + " WHERE LOWER(table_name) = 'sandbox_lease' AND LOWER(column_name) = 'ended_at'")) {
      rs.next();
      assertThat(rs.getInt(1)).isPositive();
    }
  }

  private org.h2.jdbcx.JdbcDataSource migrated() {
    org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + dir.resolve("db/runlab"));
    ds.setUser("runlab");
    ds.setPassword("runlab");
    DatabaseMigrator.applyMigrations(ds);
    return ds;
  }

  private static BigDecimal scalar(Connection c, String sql) throws Exception {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getBigDecimal(1);
    }
  }

  private static BigDecimal between(Connection c, String sql) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(sql.replace("?1", "?").replace("?2", "?"))) {
      ps.setObject(1, OffsetDateTime.parse("2026-11-01T00:00:00Z"));
      ps.setObject(2, OffsetDateTime.parse("2026-12-01T00:00:00Z"));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBigDecimal(1);
      }
    }
  }
}
