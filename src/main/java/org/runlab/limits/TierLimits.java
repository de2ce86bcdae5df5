package org.runlab.limits;

import java.time.Duration;
import org.runlab.account.Tier;
import org.runlab.engine.Limits;

/**
 * What one tier may do, from {@code runlab.tier.<tier>.*}.
 *
 * @param e2bAllowed whether this tier's runs may use E2B
 * @param chooseEngine whether learners of this tier may pick the server engine themselves
 * @param maxQueueWait how long a run of this tier may wait for a sandbox before it is refused
 */
public record TierLimits(
    Tier tier,
    int runsPerHour,
    int runsPerDay,
    int concurrentRuns,
    Duration sessionIdleTimeout,
    Duration wallTime,
    Duration cpuTime,
    long memoryBytes,
    long outputBytes,
    boolean e2bAllowed,
    boolean chooseEngine,
    Duration maxQueueWait) {

  /** The engine limits a run of this tier gets. */
  public Limits runLimits() {
    return Limits.defaults()
        .withWallTime(wallTime)
        .withCpuTime(cpuTime)
        .withMemoryBytes(memoryBytes)
        .withOutputBytes(outputBytes);
  }

  /** These limits with the set fields of {@code o} in place of their own. */
  public TierLimits with(LimitValues o) {
    if (o == null) {
      return this;
    }
    return new TierLimits(tier,
        o.runsPerHour() != null ? o.runsPerHour() : runsPerHour,
        o.runsPerDay() != null ? o.runsPerDay() : runsPerDay,
        o.concurrentRuns() != null ? o.concurrentRuns() : concurrentRuns,
        sessionIdleTimeout,
        o.wallSeconds() != null ? Duration.ofSeconds(o.wallSeconds()) : wallTime,
        o.wallSeconds() != null ? Duration.ofSeconds(Math.min(o.wallSeconds(), cpuTime.toSeconds())) : cpuTime,
        o.memoryMb() != null ? ((long) o.memoryMb()) << 20 : memoryBytes,
        outputBytes,
        o.e2bAllowed() != null ? o.e2bAllowed() : e2bAllowed,
        chooseEngine,
        o.maxQueueSeconds() != null ? Duration.ofSeconds(o.maxQueueSeconds()) : maxQueueWait);
  }

  /** The defaults microprofile-config.properties repeats. */
  public static TierLimits defaults(Tier tier) {
    return switch (tier) {
      case ANONYMOUS -> new TierLimits(tier, 10, 30, 1, Duration.ofMinutes(5), Duration.ofSeconds(5),
          Duration.ofSeconds(5), 128L << 20, 32L << 10, false, false, Duration.ofSeconds(30));
      case FREE -> new TierLimits(tier, 30, 150, 2, Duration.ofMinutes(10), Duration.ofSeconds(10),
          Duration.ofSeconds(10), 256L << 20, 64L << 10, false, false, Duration.ofSeconds(120));
      case PAID -> new TierLimits(tier, 300, 3000, 4, Duration.ofMinutes(30), Duration.ofSeconds(60),
          Duration.ofSeconds(60), 1L << 30, 1L << 20, true, true, Duration.ofSeconds(600));
    };
  }
}
