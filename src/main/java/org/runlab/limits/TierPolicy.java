package org.runlab.limits;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.runlab.account.Tier;

/** Each tier's configured limits, from {@code runlab.tier.<tier>.*} with {@link TierLimits#defaults}; overrides come on top ({@link LimitService}). */
@ApplicationScoped
public class TierPolicy {
  private volatile Map<Tier, TierLimits> limits;

  public TierLimits limits(Tier tier) {
    if (limits == null) {
      Map<Tier, TierLimits> m = new EnumMap<>(Tier.class);
      for (Tier t : Tier.values()) {
        m.put(t, read(ConfigProvider.getConfig(), t));
      }
      limits = m;
    }
    return limits.get(tier);
  }

  static TierLimits read(Config c, Tier tier) {
    TierLimits d = TierLimits.defaults(tier);
    String p = "runlab.tier." + tier.name().toLowerCase(Locale.ROOT) + ".";
    return new TierLimits(
        tier,
        c.getOptionalValue(p + "runs-per-hour", Integer.class).orElse(d.runsPerHour()),
        c.getOptionalValue(p + "runs-per-day", Integer.class).orElse(d.runsPerDay()),
        c.getOptionalValue(p + "concurrent-runs", Integer.class).orElse(d.concurrentRuns()),
        c.getOptionalValue(p + "session-idle-seconds", Long.class).map(Duration::ofSeconds).orElse(d.sessionIdleTimeout()),
        c.getOptionalValue(p + "wall-seconds", Long.class).map(Duration::ofSeconds).orElse(d.wallTime()),
        c.getOptionalValue(p + "cpu-seconds", Long.class).map(Duration::ofSeconds).orElse(d.cpuTime()),
        c.getOptionalValue(p + "memory-mb", Long.class).map(mb -> mb << 20).orElse(d.memoryBytes()),
        c.getOptionalValue(p + "output-bytes", Long.class).orElse(d.outputBytes()),
        c.getOptionalValue(p + "e2b-allowed", Boolean.class).orElse(d.e2bAllowed()),
        c.getOptionalValue(p + "choose-engine", Boolean.class).orElse(d.chooseEngine()),
        c.getOptionalValue(p + "max-queue-seconds", Long.class).map(Duration::ofSeconds).orElse(d.maxQueueWait()));
  }
}
