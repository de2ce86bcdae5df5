package org.runlab.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JobLeasesTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
  private final SharedMap map = SharedMap.inMemory();
  private final JobLeases a = new JobLeases(map, clock, "member-a");
  private final JobLeases b = new JobLeases(map, clock, "member-b");
  private static final Duration TTL = Duration.ofSeconds(30);

  @Test
  void onlyTheFirstMemberToAskHoldsAFreeLease() {
    assertThat(a.hold("budget", TTL)).isTrue();
    assertThat(b.hold("budget", TTL)).isFalse();
    assertThat(a.holder("budget")).isEqualTo("member-a");
  }

  @Test
  void theHolderKeepsItsLeaseByRenewingIt() {
    a.hold("budget", TTL);
    for (int i = 0; i < 10; i++) {
      now.addAndGet(10_000);
      assertThat(a.hold("budget", TTL)).isTrue();
      assertThat(b.hold("budget", TTL)).isFalse();
    }
  }

  @Test
  void anotherMemberTakesOverOnceTheHolderStopsRenewing() {
    a.hold("budget", TTL);
    now.addAndGet(29_000);
    assertThat(b.hold("budget", TTL)).isFalse();
    now.addAndGet(2_000);
    assertThat(b.hold("budget", TTL)).isTrue();
    assertThat(a.hold("budget", TTL)).as("the old holder, back, waits its turn").isFalse();
  }

  @Test
  void eachJobHasItsOwnLease() {
    assertThat(a.hold("budget", TTL)).isTrue();
    assertThat(b.hold("close-stale-leases", TTL)).isTrue();
    assertThat(b.holder("budget")).isEqualTo("member-a");
  }

  @Test
  void nobodyHoldsAnExpiredLease() {
    a.hold("budget", TTL);
    now.addAndGet(31_000);
    assertThat(a.holder("budget")).isEmpty();
  }
}
