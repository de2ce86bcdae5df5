package org.runlab.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runlab.engine.e2b.SandboxInfo;
import org.runlab.platform.DatabaseMigrator;
import org.runlab.platform.TestConfig;

/** Each detector on a migrated H2 database: found on seeded data, not on a normal day. */
class AnomalyDetectorsTest {
  private static final LocalDate DAY = LocalDate.parse("2026-12-07");
  private static final OffsetDateTime NOON = OffsetDateTime.parse("2026-12-07T12:00:00Z");
  private final AnomalySettings settings = AnomalySettings.from(TestConfig.defaults());

  @TempDir Path dir;
  private Connection c;
  private Seed seed;

  @BeforeEach
  void migrated() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + dir.resolve("db") + ";MODE=REGULAR");
    ds.setUser("runlab");
    ds.setPassword("runlab");
    DatabaseMigrator.applyMigrations(ds);
    c = ds.getConnection();
    seed = new Seed(c);
    normalTwoWeeks();
  }

  /** Ten learners running a few cheap local runs a day, every day for two weeks, and a normal lease. */
  private void normalTwoWeeks() throws Exception {
    for (int d = 14; d >= 0; d--) {
      for (int l = 0; l < 10; l++) {
        for (int r = 0; r < 3; r++) {
          seed.localRun("anon:normal-" + l, NOON.minusDays(d).plusMinutes(l * 7 + r), "0.002");
        }
      }
    }
    UUID lease = seed.lease("sbx-normal", NOON.minusMinutes(30), NOON.minusMinutes(25), NOON.plusMinutes(5), 2100,
        300, "0.06", "0.008");
    seed.run("user:" + UUID.randomUUID(), "PAID", "e2b", "OK", NOON, 0, 1_500_000, 100, "0.04", lease, "192.0.2.2", null);
  }

  @Test
  void aNormalDayHasNoFindings() throws Exception {
    for (int i = 0; i < 6; i++) {
      assertThat(find(i)).as("detector " + i).isEmpty();
    }
    assertThat(SandboxDetectors.orphans(c, DAY, List.of(), Instant.now(), settings)).isEmpty();
  }

  @Test
  void aLearnersSpendSpikeIsFoundWithTheirCostlyRuns() throws Exception {
    UUID costly = seed.localRun("anon:normal-3", NOON.plusHours(2), "1.50");
    List<Finding> found = SpendDetectors.learners(c, DAY, settings);
    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(AnomalyKind.LEARNER_SPEND_SPIKE);
      assertThat(f.subject()).isEqualTo("anon:normal-3");
      assertThat(f.runs()).startsWith(costly);
      assertThat(f.evidence()).contains("$1.51", "14 days");
    });
  }

  @Test
  void anHourOfSpikingSpendIsFound() throws Exception {
    for (int i = 0; i < 5; i++) {
      seed.localRun("anon:many-" + i, NOON.plusHours(3).plusMinutes(i), "0.60");
    }
    assertThat(SpendDetectors.hours(c, DAY, settings)).singleElement()
        .satisfies(f -> assertThat(f.subject()).isEqualTo("2026-12-07 15:00 UTC"));
  }

  @Test
  void aLearnerLoopingAtTheLimitsIsFound() throws Exception {
    for (int i = 0; i < 10; i++) {
      seed.run("anon:looper", "FREE", "local", i % 2 == 0 ? "TIME_LIMIT" : "CPU_LIMIT", NOON.plusMinutes(i), 9000,
          10000, 5000, "0.0002", null, "192.0.2.9", null);
    }
    assertThat(UsageDetectors.limitLoops(c, DAY, settings)).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("anon:looper");
      assertThat(f.runs()).hasSize(10);
    });
  }

  @Test
  void likelyMiningIsFoundByRefusalsAndByBusyQuietRuns() throws Exception {
    seed.run("anon:miner", "ANONYMOUS", "none", "REFUSED", NOON, 0, 0, 0, "0", null, "192.0.2.7",
        "[{\"code\":\"ABUSE\",\"text\":\"connects to a mining pool\"}]");
    for (int i = 0; i < 3; i++) {
      seed.run("anon:quiet", "FREE", "local", "CPU_LIMIT", NOON.plusMinutes(i), 9950, 10000, 0, "0.0002", null,
          "192.0.2.8", null);
    }
    seed.run("anon:printer", "FREE", "local", "CPU_LIMIT", NOON, 9950, 10000, 90000, "0.0002", null, "192.0.2.8", null);
    List<Finding> found = UsageDetectors.mining(c, DAY, settings);
    assertThat(found).extracting(Finding::subject).containsExactly("anon:miner", "anon:quiet");
    assertThat(found.get(0).severity()).isEqualTo(Finding.Severity.HIGH);
    assertThat(found.get(1).runs()).hasSize(3);
  }

  @Test
  void manyAccountsOnOneAddressAreFound() throws Exception {
    for (int i = 0; i < 6; i++) {
      UUID user = seed.user("multi-" + i + "@example.org", NOON.plusMinutes(i), "198.51.100.4");
      if (i < 2) {
        seed.run("user:" + user, "FREE", "local", "OK", NOON.plusMinutes(i + 10), 5, 10, 1, "0.0001", null,
            "198.51.100.4", null);
      }
    }
    assertThat(UsageDetectors.accountsPerAddress(c, DAY, settings)).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("198.51.100.4");
      assertThat(f.runs()).hasSize(2);
    });
  }

  @Test
  void aLeaseMuchLongerThanItsRunsIsFound() throws Exception {
    UUID lease = seed.lease("sbx-leak", NOON.minusHours(1), NOON.minusMinutes(55), NOON, 3600, 300, "0.11", "0.01");
    UUID run = seed.run("user:" + UUID.randomUUID(), "PAID", "e2b", "OK", NOON.minusMinutes(50), 0, 2000, 10,
        "0.00006", lease, "192.0.2.3", null);
    assertThat(SandboxDetectors.idleLeases(c, DAY, settings)).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("lease " + lease);
      assertThat(f.runs()).containsExactly(run);
      assertThat(f.evidence()).contains("3298 s idle");
    });
  }

  @Test
  void aSandboxNoOpenLeaseKnowsIsAnOrphan() throws Exception {
    Instant now = Instant.parse("2026-12-07T12:00:00Z");
    seed.lease("sbx-known", NOON.minusMinutes(20), null, null, 0, 0, null, null);
    List<SandboxInfo> listed = List.of(
        sandbox("sbx-known", now.minusSeconds(1200)), sandbox("sbx-orphan", now.minusSeconds(1200)),
        sandbox("sbx-new", now.minusSeconds(30)));
    assertThat(SandboxDetectors.orphans(c, DAY, listed, now, settings)).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("sandbox sbx-orphan");
      assertThat(f.key()).isEqualTo("ORPHAN_SANDBOX|sbx-orphan");
    });
  }

  @Test
  void spendingFarAboveTheUsualAndAboveTheFloorIsASpike() {
    BigDecimal floor = new BigDecimal("1.00");
    assertThat(settings.spike(new BigDecimal("3.00"), new BigDecimal("0.50"), floor)).isTrue();
    assertThat(settings.spike(new BigDecimal("2.00"), new BigDecimal("0.50"), floor)).isFalse();
    assertThat(settings.spike(new BigDecimal("0.90"), BigDecimal.ZERO, floor)).as("under the floor").isFalse();
    assertThat(settings.spike(new BigDecimal("1.00"), BigDecimal.ZERO, floor)).as("a first day of spending").isTrue();
  }

  private List<Finding> find(int detector) throws Exception {
    return switch (detector) {
      case 0 -> SpendDetectors.learners(c, DAY, settings);
      case 1 -> SpendDetectors.hours(c, DAY, settings);
      case 2 -> UsageDetectors.limitLoops(c, DAY, settings);
      case 3 -> UsageDetectors.mining(c, DAY, settings);
      case 4 -> UsageDetectors.accountsPerAddress(c, DAY, settings);
      default -> SandboxDetectors.idleLeases(c, DAY, settings);
    };
  }

  private static SandboxInfo sandbox(String id, Instant started) {
    return new SandboxInfo(id, "code-interpreter-v1", 2, 512, started, started.plusSeconds(300), "running",
        Map.of("installation", "runlab", "instance", "gone-1"));
  }
}
