package org.runlab.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InstanceBeatsTest {
  private final AtomicLong now = new AtomicLong(Instant.parse("2026-11-26T12:00:00Z").toEpochMilli());
  private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
  private final SharedMap map = SharedMap.inMemory();
  private final InstanceBeats a = new InstanceBeats(map, clock, Duration.ofSeconds(60));
  private final InstanceBeats b = new InstanceBeats(map, clock, Duration.ofSeconds(60));

  @Test
  void instancesThatBeatAreAliveAndOnesQuietForAMinuteAreNot() {
    a.beat("node-a");
    b.beat("node-b");
    assertThat(a.live()).containsExactlyInAnyOrder("node-a", "node-b");

    now.addAndGet(45_000);
    a.beat("node-a");
    now.addAndGet(20_000);
    assertThat(b.live()).as("node-b last beat 65 s ago").containsExactly("node-a");

    b.beat("node-b");
    assertThat(a.live()).containsExactlyInAnyOrder("node-a", "node-b");
  }

  @Test
  void theListKeepsOneBeatPerInstanceAndDropsTheDead() {
    for (int i = 0; i < 100; i++) {
      a.beat("node-a");
      now.addAndGet(5_000);
    }
    b.beat("node-gone");
    now.addAndGet(61_000);
    a.beat("node-a");

    assertThat(map.get(InstanceBeats.KEY)).doesNotContain("node-gone").matches("node-a@\\d+");
  }

  @Test
  void autoNamesAreMadeOncePerProcessAndExplicitNamesKept() {
    assertThat(InstanceName.of("auto")).isEqualTo(InstanceName.of(""))
        .isEqualTo(InstanceName.of(null)).matches("[A-Za-z0-9.-]+-[0-9a-f]+");
    assertThat(InstanceName.of(" runlab-2 ")).isEqualTo("runlab-2");
  }
}
