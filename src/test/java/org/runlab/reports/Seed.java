package org.runlab.reports;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Writes ledger runs, leases and accounts straight into a migrated database, for the jobs' tests. */
final class Seed {
  private final Connection c;

  Seed(Connection c) {
    this.c = c;
  }

  /** A run with the columns the jobs read; the rest plain. */
  UUID run(String owner, String tier, String engine, String verdict, OffsetDateTime at, long cpuMs, long wallMs,
      long outputBytes, String cost, UUID lease, String address, String reasons) throws SQLException {
    UUID id = UUID.randomUUID();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_record (id, owner_key, user_id, tier,"
        + " client_address, lesson_slug, requested_engine, engine, state, verdict, cpu_time_ms, wall_time_ms,"
        + " output_bytes, file_count, code_bytes, reasons, cost_usd, lease_id, created_at)"
        + " VALUES (?, ?, ?, ?, ?, 'hello', 'auto', ?, 'FINISHED', ?, ?, ?, ?, 1, 10, ?, ?, ?, ?)")) {
      ps.setObject(1, id);
      ps.setString(2, owner);
      ps.setObject(3, owner.startsWith("user:") ? UUID.fromString(owner.substring(5)) : null);
      ps.setString(4, tier);
      ps.setString(5, address);
      ps.setString(6, engine);
      ps.setString(7, verdict);
      ps.setLong(8, cpuMs);
      ps.setLong(9, wallMs);
      ps.setLong(10, outputBytes);
      ps.setString(11, reasons == null ? "[]" : reasons);
      ps.setBigDecimal(12, new BigDecimal(cost));
      ps.setObject(13, lease);
      ps.setObject(14, at);
      ps.executeUpdate();
    }
    return id;
  }

  UUID localRun(String owner, OffsetDateTime at, String cost) throws SQLException {
    return run(owner, "FREE", "local", "OK", at, 20, 40, 10, cost, null, "192.0.2.1", null);
  }

  /** An ended lease: billed seconds and cost, claimed (a session) or not (warm pool all along). */
  UUID lease(String sandbox, OffsetDateTime created, OffsetDateTime claimed, OffsetDateTime ended, long billed,
      long poolIdle, String cost, String poolIdleCost) throws SQLException {
    UUID id = UUID.randomUUID();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO sandbox_lease (id, sandbox_id, template, vcpus,"
        + " memory_mb, purpose, created_at, claimed_at, ended_at, billed_seconds, idle_pool_seconds, cost_usd,"
        + " idle_pool_cost_usd) VALUES (?, ?, 'code-interpreter-v1', 2, 512, 'POOL', ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, id);
      ps.setString(2, sandbox);
      ps.setObject(3, created);
      ps.setObject(4, claimed);
      ps.setObject(5, ended);
      ps.setObject(6, ended == null ? null : billed);
      ps.setObject(7, ended == null ? null : poolIdle);
      ps.setBigDecimal(8, ended == null ? null : new BigDecimal(cost));
      ps.setBigDecimal(9, ended == null ? null : new BigDecimal(poolIdleCost));
      ps.executeUpdate();
    }
    return id;
  }

  UUID user(String email, OffsetDateTime created, String address) throws SQLException {
    UUID id = UUID.randomUUID();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO app_user (id, email, display_name, password_hash, tier,"
        + " created_at, signup_address) VALUES (?, ?, 'Seeded', 'x', 'FREE', ?, ?)")) {
      ps.setObject(1, id);
      ps.setString(2, email);
      ps.setObject(3, created);
      ps.setString(4, address);
      ps.executeUpdate();
    }
    return id;
  }
}
