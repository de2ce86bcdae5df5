package org.runlab.limits;

import java.time.Duration;
import java.util.Locale;
import org.eclipse.microprofile.config.Config;
import org.runlab.account.Tier;
import org.runlab.engine.InstallPolicy;
import org.runlab.engine.Limits;

/**
 * What one tier may do, from {@code runlab.tier.<tier>.*}.
 *
 * @param e2bAllowed whether this tier's runs may use E2B
 * @param chooseEngine whether learners of this tier may pick the server engine themselves
 * @param maxQueueWait how long a run of this tier may wait for a sandbox before it is refused
 * @param installPackages whether this tier's runs may install what their requirements.txt names
 * @param installTime how long such an install may take, apart from the run's own wall time
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
    Duration maxQueueWait,
    boolean installPackages,
    Duration installTime) {

  /** Whether and for how long this tier's runs may install packages. */
  public InstallPolicy install() {
    return new InstallPolicy(installPackages, installTime);
  }

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
        o.maxQueueSeconds() != null ? Duration.ofSeconds(o.maxQueueSeconds()) : maxQueueWait,
        installPackages,
        installTime);
  }

  /** A tier's configured limits, from {@code runlab.tier.<tier>.*}. */
  public static TierLimits from(Config c, Tier tier) {
    String p = "runlab.tier." + tier.name().toLowerCase(Locale.ROOT) + ".";
    return new TierLimits(
        tier,
        c.getValue(p + "runs-per-hour", Integer.class),
        c.getValue(p + "runs-per-day", Integer.class),
        c.getValue(p + "concurrent-runs", Integer.class),
        Duration.ofSeconds(c.getValue(p + "session-idle-seconds", Long.class)),
        Duration.ofSeconds(c.getValue(p + "wall-seconds", Long.class)),
        Duration.ofSeconds(c.getValue(p + "cpu-seconds", Long.class)),
        c.getValue(p + "memory-mb", Long.class) << 20,
        c.getValue(p + "output-bytes", Long.class),
        c.getValue(p + "e2b-allowed", Boolean.class),
        c.getValue(p + "choose-engine", Boolean.class),
        Duration.ofSeconds(c.getValue(p + "max-queue-seconds", Long.class)),
        c.getValue(p + "install-packages", Boolean.class),
        Duration.ofSeconds(c.getValue(p + "install-seconds", Long.class)));
  }
}
