package org.runlab.engine.e2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** V3 runs on H2 2.2 (it was also checked by hand on PostgreSQL 15) and keeps micro-dollars. */
class E2bLeaseMigrationTest {
  @Test
  void migrationCreatesALeaseTableThatKeepsMicroDollarsExactly() throws Exception {
    String sql = Files.readString(Path.of("src/main/resources/db/migration/V3__sandbox_leases.sql"));
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:v3");
        Statement st = c.createStatement()) {
      for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
        if (!statement.isBlank()) {
          st.execute(statement);
        }
      }
      try (PreparedStatement ins = c.prepareStatement(
          "INSERT INTO sandbox_lease (id, sandbox_id, template, vcpus, memory_mb, purpose, learner,"
              + " created_at, ended_at, billed_seconds, idle_pool_seconds, cost_usd, idle_pool_cost_usd)"
              + " VALUES (?, 'iabc', 'code-interpreter-v1', 2, 2048, 'POOL', 'ana', ?, ?, 400, 100, ?, ?)")) {
        ins.setObject(1, UUID.randomUUID());
        ins.setObject(2, OffsetDateTime.parse("2026-11-26T12:00:00Z"));
        ins.setObject(3, OffsetDateTime.parse("2026-11-26T12:06:40Z"));
        ins.setBigDecimal(4, new BigDecimal("0.014800"));
        ins.setBigDecimal(5, new BigDecimal("0.003700"));
        ins.executeUpdate();
      }
      try (ResultSet rs = st.executeQuery("SELECT cost_usd, idle_pool_cost_usd FROM sandbox_lease")) {
        rs.next();
        assertThat(rs.getBigDecimal(1)).isEqualTo(new BigDecimal("0.014800"));
        assertThat(rs.getBigDecimal(2)).isEqualTo(new BigDecimal("0.003700"));
      }
      assertThatThrownBy(() -> st.execute(
          "INSERT INTO sandbox_lease (id, sandbox_id, template, vcpus, memory_mb, purpose, created_at)"
              + " VALUES (RANDOM_UUID(), 'i2', 't', 2, 2048, 'OTHER', CURRENT_TIMESTAMP)"))
          .isInstanceOf(SQLException.class);
    }
  }
}
