package org.runlab.limits;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import org.runlab.account.Tier;
import org.runlab.platform.AppConfig;

/** Each tier's configured limits, from {@code runlab.tier.<tier>.*}; overrides come on top ({@link LimitService}). */
@ApplicationScoped
public class TierPolicy {
  @Inject private AppConfig config;
  private final Map<Tier, TierLimits> limits = new EnumMap<>(Tier.class);

  @PostConstruct
  void read() {
    for (Tier t : Tier.values()) {
      limits.put(t, TierLimits.from(config.get(), t));
    }
  }

  public TierLimits limits(Tier tier) {
    return limits.get(tier);
  }
}
