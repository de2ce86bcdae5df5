package org.runlab.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.runlab.platform.cluster.SharedMap;

class ConcurrencyGuardTest {
  @Test
  void startsNoMoreThanTheLimitAndFreesASlotWhenARunEnds() {
    ConcurrencyGuard guard = new ConcurrencyGuard(SharedMap.inMemory(), Clock.systemUTC());

    assertThat(guard.tryAcquire("user:1", "r1", 2, Duration.ofMinutes(5))).isTrue();
    assertThat(guard.tryAcquire("user:1", "r2", 2, Duration.ofMinutes(5))).isTrue();
    assertThat(guard.tryAcquire("user:1", "r3", 2, Duration.ofMinutes(5))).isFalse();
    guard.release("user:1", "r1");

    assertThat(guard.tryAcquire("user:1", "r3", 2, Duration.ofMinutes(5))).isTrue();
    assertThat(guard.running("user:1")).isEqualTo(2);
  }

  @Test
  void holdsUnderContention() {
    ConcurrencyGuard guard = new ConcurrencyGuard(SharedMap.inMemory(), Clock.systemUTC());
    AtomicInteger started = new AtomicInteger();

    IntStream.range(0, 100).parallel().forEach(i -> {
      if (guard.tryAcquire("user:2", "run" + i, 3, Duration.ofMinutes(5))) {
        started.incrementAndGet();
      }
    });

    assertThat(started.get()).isEqualTo(3);
  }

  @Test
  void aLeaseOfADeadMemberExpires() {
    SharedMap map = SharedMap.inMemory();
    new ConcurrencyGuard(map, Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC))
        .tryAcquire("user:3", "lost", 1, Duration.ofMinutes(1));
    ConcurrencyGuard later = new ConcurrencyGuard(map, Clock.fixed(Instant.parse("2026-11-26T12:02:00Z"), ZoneOffset.UTC));

    assertThat(later.tryAcquire("user:3", "next", 1, Duration.ofMinutes(1))).isTrue();
  }

  @Test
  void aRenewedLeaseOutlivesItsFirstTermAndAnUnrenewedOneLapses() {
    SharedMap map = SharedMap.inMemory();
    Instant start = Instant.parse("2026-12-07T12:00:00Z");
    Duration lease = Duration.ofSeconds(45);
    new ConcurrencyGuard(map, Clock.fixed(start, ZoneOffset.UTC)).tryAcquire("user:5", "long", 2, lease);
    new ConcurrencyGuard(map, Clock.fixed(start, ZoneOffset.UTC)).tryAcquire("user:5", "dead", 2, lease);
    ConcurrencyGuard later = new ConcurrencyGuard(map, Clock.fixed(start.plusSeconds(30), ZoneOffset.UTC));

    assertThat(later.renew("user:5", "long", lease)).isTrue();

    ConcurrencyGuard afterFirstTerm = new ConcurrencyGuard(map, Clock.fixed(start.plusSeconds(60), ZoneOffset.UTC));
    assertThat(afterFirstTerm.running("user:5")).as("the renewed run only").isEqualTo(1);
    assertThat(afterFirstTerm.renew("user:5", "dead", lease)).as("a lapsed lease is not renewed").isFalse();
  }
}
