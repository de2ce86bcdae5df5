package org.runlab.engine.e2b;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Lease prices, exact to the micro-dollar. */
class E2bLeaseCostTest {
  private static final BigDecimal VCPU = new BigDecimal("0.000014");
  private static final BigDecimal GIB = new BigDecimal("0.0000045");
  private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

  @Test
  void codeInterpreterSandboxCostsThirtySevenMicroDollarsPerSecond() {
    assertThat(LeaseCost.perSecond(2, 2048, VCPU, GIB)).isEqualByComparingTo("0.000037");
    assertThat(LeaseCost.of(3600, 2, 2048, VCPU, GIB)).isEqualTo(new BigDecimal("0.133200"));
  }

  @Test
  void billingPageWorkedExampleEightVcpuFourGibIs0468PerHour() {
    assertThat(LeaseCost.of(3600, 8, 4096, VCPU, GIB)).isEqualTo(new BigDecimal("0.468000"));
  }

  @Test
  void baseTemplateHalfGibForOneSecondRoundsHalfUp() {
    // 2 x 0.000014 + 0.5 x 0.0000045 = 0.00003025 -> 0.000030
    assertThat(LeaseCost.of(1, 2, 512, VCPU, GIB)).isEqualTo(new BigDecimal("0.000030"));
    // x 3 = 0.00009075 -> 0.000091
    assertThat(LeaseCost.of(3, 2, 512, VCPU, GIB)).isEqualTo(new BigDecimal("0.000091"));
  }

  @Test
  void oddMemorySizesAreExact() {
    // 1000 MiB = 0.9765625 GiB; 1 vCPU; 7 s: (0.000014 + 0.00000439453125) x 7 = 0.00012876171875
    assertThat(LeaseCost.of(7, 1, 1000, VCPU, GIB)).isEqualTo(new BigDecimal("0.000129"));
  }

  @Test
  void aStartedSecondIsBilledWhole() {
    assertThat(LeaseCost.billedSeconds(T0, T0)).isZero();
    assertThat(LeaseCost.billedSeconds(T0, T0.plusMillis(1))).isEqualTo(1);
    assertThat(LeaseCost.billedSeconds(T0, T0.plusSeconds(90))).isEqualTo(90);
    assertThat(LeaseCost.billedSeconds(T0, T0.plusMillis(90_001))).isEqualTo(91);
  }

  @Test
  void leaseSplitsIdlePoolSecondsFromTheRest() {
    E2bSettings s = E2bSettings.from(Map.of());
    SandboxInfo info = new SandboxInfo("i1", "code-interpreter-v1", 2, 2048, T0, T0, "running", Map.of());
    Lease lease = Lease.open(UUID.randomUUID(), info, Lease.Purpose.POOL, null, T0);

    Lease closed = lease.claim("learner-1", T0.plusSeconds(100)).close(T0.plusSeconds(400), s);

    assertThat(closed.seconds()).isEqualTo(400);
    assertThat(closed.idlePoolSeconds()).isEqualTo(100);
    assertThat(closed.cost()).isEqualTo(new BigDecimal("0.014800"));
    assertThat(closed.idlePoolCost()).isEqualTo(new BigDecimal("0.003700"));
    assertThat(closed.learner()).isEqualTo("learner-1");
  }

  @Test
  void sessionLeaseHasNoIdlePoolSeconds() {
    E2bSettings s = E2bSettings.from(Map.of());
    SandboxInfo info = new SandboxInfo("i1", "t", 2, 2048, T0, T0, "running", Map.of());

    Lease closed = Lease.open(UUID.randomUUID(), info, Lease.Purpose.SESSION, "l", T0)
        .close(T0.plus(Duration.ofMinutes(5)), s);

    assertThat(closed.idlePoolSeconds()).isZero();
    assertThat(closed.cost()).isEqualTo(new BigDecimal("0.011100"));
  }
}
