package org.runlab.engine.e2b;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A lease's billed seconds as E2B counts them, with its idle pool part apart. */
class LeaseTest {
  private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

  @Test
  void aStartedSecondIsBilledWhole() {
    assertThat(Lease.billedSeconds(T0, T0)).isZero();
    assertThat(Lease.billedSeconds(T0, T0.plusMillis(1))).isEqualTo(1);
    assertThat(Lease.billedSeconds(T0, T0.plusSeconds(90))).isEqualTo(90);
    assertThat(Lease.billedSeconds(T0, T0.plusMillis(90_001))).isEqualTo(91);
  }

  @Test
  void leaseSplitsIdlePoolSecondsFromTheRest() {
    SandboxInfo info = new SandboxInfo("i1", "code-interpreter-v1", 2, 2048, T0, T0, "running", Map.of());
    Lease lease = Lease.open(UUID.randomUUID(), info, Lease.Purpose.POOL, null, T0);

    Lease closed = lease.claim("learner-1", T0.plusSeconds(100)).close(T0.plusSeconds(400));

    assertThat(closed.seconds()).isEqualTo(400);
    assertThat(closed.idlePoolSeconds()).isEqualTo(100);
    assertThat(closed.learner()).isEqualTo("learner-1");
  }

  @Test
  void sessionLeaseHasNoIdlePoolSeconds() {
    SandboxInfo info = new SandboxInfo("i1", "t", 2, 2048, T0, T0, "running", Map.of());

    Lease closed = Lease.open(UUID.randomUUID(), info, Lease.Purpose.SESSION, "l", T0)
        .close(T0.plus(Duration.ofMinutes(5)));

    assertThat(closed.seconds()).isEqualTo(300);
    assertThat(closed.idlePoolSeconds()).isZero();
  }
}
