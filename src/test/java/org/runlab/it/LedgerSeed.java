package org.runlab.it;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.runlab.budget.Pricing;

/**
 * A day of ledger and leases written straight into the deployment's database, priced by the one
 * Pricing as Runlab prices them, with the sums a report of that day must give: thousands of runs
 * across tiers and engines, E2B sessions whose leases have warm-pool and kept-session idle time,
 * and warm-pool leases never claimed.
 */
final class LedgerSeed {
  /** The deployment's prices: the defaults of microprofile-config.properties. */
  static final Pricing PRICING = new Pricing(new BigDecimal("0.000014"), new BigDecimal("0.0000045"),
      new BigDecimal("0.00002"));
  private static final String[] TIERS = {"ANONYMOUS", "FREE", "PAID"};
  private static final String[] LESSONS = {"hello", "loops", "data-frames", "plotting", null};

  final LocalDate day;
  final Map<String, BigDecimal> tierCost = new HashMap<>();
  final Map<String, Long> engineRuns = new HashMap<>();
  final List<String> owners = new ArrayList<>();
  BigDecimal localCost = BigDecimal.ZERO;
  BigDecimal e2bRunCost = BigDecimal.ZERO;
  BigDecimal leaseCost = BigDecimal.ZERO;
  BigDecimal poolIdleCost = BigDecimal.ZERO;
  BigDecimal maxRunCost = BigDecimal.ZERO;
  long runs;

  private LedgerSeed(LocalDate day) {
    this.day = day;
  }

  /** A day long ago that no other test uses: {@code back} to {@code back + 200} days before today. */
  static LocalDate unusedDay(int back) {
    return LocalDate.now(ZoneOffset.UTC).minusDays(back + ThreadLocalRandom.current().nextInt(200));
  }

  /** Seeds {@code learners} learners' runs ({@code runsEach} each) and their E2B leases on {@code day}. */
  static LedgerSeed day(LocalDate day, int learners, int runsEach) throws SQLException {
    LedgerSeed s = new LedgerSeed(day);
    Random random = new Random(day.toEpochDay());
    OffsetDateTime start = day.atStartOfDay().atOffset(ZoneOffset.UTC);
    try (Connection c = SharedDeployment.database()) {
      c.setAutoCommit(false);
      try (PreparedStatement run = c.prepareStatement("INSERT INTO run_record (id, owner_key, tier, client_address,"
              + " lesson_slug, requested_engine, engine, state, verdict, cpu_time_ms, wall_time_ms, output_bytes, file_count,"
              + " code_bytes, reasons, cost_usd, lease_id, created_at) VALUES (?, ?, ?, '192.0.2.50', ?, 'auto', ?,"
              + " 'FINISHED', 'OK', ?, ?, 20, 1, 30, '[]', ?, ?, ?)");
          PreparedStatement lease = c.prepareStatement("INSERT INTO sandbox_lease (id, sandbox_id, template, vcpus,"
              + " memory_mb, purpose, learner, created_at, claimed_at, ended_at, billed_seconds, idle_pool_seconds,"
              + " cost_usd, idle_pool_cost_usd) VALUES (?, ?, 'code-interpreter-v1', 2, 512, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int l = 0; l < learners; l++) {
          String tier = TIERS[l % 3];
          String owner = "anon:" + UUID.randomUUID();
          s.owners.add(owner);
          OffsetDateTime t = start.plusMinutes(10 + random.nextInt(600));
          UUID leaseId = null;
          OffsetDateTime leaseStart = t.minusSeconds(40 + random.nextInt(200));
          for (int r = 0; r < runsEach; r++) {
            t = t.plusSeconds(5 + random.nextInt(30));
            String engine = tier.equals("PAID") && r % 3 == 0 ? "e2b" : r % 4 == 0 ? "browser" : "local";
            long cpu = 1 + random.nextInt(3000);
            long wall = cpu + random.nextInt(2000);
            BigDecimal cost = switch (engine) {
              case "local" -> PRICING.localRun(cpu);
              case "e2b" -> PRICING.e2bRun(wall, 2, 512);
              default -> BigDecimal.ZERO;
            };
            if (engine.equals("e2b") && leaseId == null) {
              leaseId = UUID.randomUUID();
            }
            run.setObject(1, UUID.randomUUID());
            run.setString(2, owner);
            run.setString(3, tier);
            run.setString(4, LESSONS[(l + r) % LESSONS.length]);
            run.setString(5, engine);
            run.setLong(6, engine.equals("e2b") ? 0 : cpu);
            run.setLong(7, wall);
            run.setBigDecimal(8, cost);
            run.setObject(9, engine.equals("e2b") ? leaseId : null);
            run.setObject(10, t);
            run.addBatch();
            s.runs++;
            s.engineRuns.merge(engine, 1L, Long::sum);
            s.tierCost.merge(tier, cost, BigDecimal::add);
            if (engine.equals("local")) {
              s.localCost = s.localCost.add(cost);
            } else if (engine.equals("e2b")) {
              s.e2bRunCost = s.e2bRunCost.add(cost);
            }
            s.maxRunCost = s.maxRunCost.max(cost);
          }
          if (leaseId != null) {
            // The session lease: a warm-pool wait, the runs, and the session kept idle afterwards.
            OffsetDateTime claimed = leaseStart.plusSeconds(30);
            OffsetDateTime ended = t.plusSeconds(300 + random.nextInt(600));
            s.addLease(lease, leaseId, "POOL", owner, leaseStart, claimed, ended);
          }
        }
        for (int p = 0; p < 5; p++) {
          // Warm-pool sandboxes nobody took: idle all their life.
          OffsetDateTime created = start.plusHours(1 + p * 3);
          s.addLease(lease, UUID.randomUUID(), "POOL", null, created, null, created.plusMinutes(55));
        }
        run.executeBatch();
        lease.executeBatch();
      }
      c.commit();
    }
    return s;
  }

  private void addLease(PreparedStatement ps, UUID id, String purpose, String learner, OffsetDateTime created,
      OffsetDateTime claimed, OffsetDateTime ended) throws SQLException {
    long billed = java.time.Duration.between(created, ended).toSeconds();
    long idle = claimed == null ? billed : java.time.Duration.between(created, claimed).toSeconds();
    BigDecimal cost = PRICING.e2bSeconds(billed, 2, 512);
    BigDecimal idleCost = PRICING.e2bSeconds(idle, 2, 512);
    ps.setObject(1, id);
    ps.setString(2, "sbx-" + id.toString().substring(0, 8));
    ps.setString(3, purpose);
    ps.setString(4, learner);
    ps.setObject(5, created);
    ps.setObject(6, claimed);
    ps.setObject(7, ended);
    ps.setLong(8, billed);
    ps.setLong(9, idle);
    ps.setBigDecimal(10, cost);
    ps.setBigDecimal(11, idleCost);
    ps.addBatch();
    leaseCost = leaseCost.add(cost);
    poolIdleCost = poolIdleCost.add(idleCost);
  }

  BigDecimal grandTotal() {
    return localCost.add(leaseCost);
  }
}
