package org.runlab.quota;

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

/** The spend SQL on H2 with the V5 schema and a sandbox_lease table shaped like the E2B engine's. */
class SpendQueryTest {
  @TempDir Path dir;

  @Test
  void anOpenLeaseCostsItsSizeTimesItsAge() {
    OffsetDateTime created = OffsetDateTime.parse("2026-11-26T12:00:00Z");
    BigDecimal cost = SpendQuery.openLeaseCost(2, 512, created, created.plusSeconds(100),
        new BigDecimal("0.000014"), new BigDecimal("0.0000045"));

    assertThat(cost).isEqualByComparingTo("0.003025");
  }

  @Test
  void theSpendQueriesRunOnTheMigratedSchema() throws Exception {
    org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + dir.resolve("db/runlab"));
    ds.setUser("runlab");
    ds.setPassword("runlab");
    DatabaseMigrator.applyMigrations(ds);
    try (Connection c = ds.getConnection()) {
      c.createStatement().execute("CREATE TABLE IF NOT EXISTS sandbox_lease (id UUID PRIMARY KEY, vcpus INT NOT NULL,"
          + " memory_mb INT NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL,"
          + " ended_at TIMESTAMP WITH TIME ZONE, cost_usd NUMERIC(18, 6))");
      c.createStatement().execute("INSERT INTO sandbox_lease VALUES (RANDOM_UUID(), 2, 512,"
          + " TIMESTAMP WITH TIME ZONE '2026-11-20 10:00:00+00', TIMESTAMP WITH TIME ZONE '2026-11-20 11:00:00+00', 1.5)");
      assertThat(scalar(c, SpendQuery.LEASES_EXIST)).isEqualByComparingTo("1");
      assertThat(between(c, SpendQuery.ENDED_LEASE_COST)).isEqualByComparingTo("1.5");
      assertThat(between(c, SpendQuery.LOCAL_COST)).isEqualByComparingTo("0");
      try (ResultSet rs = c.createStatement().executeQuery(SpendQuery.OPEN_LEASES)) {
        assertThat(rs.next()).isFalse();
      }
    }
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
