package org.runlab.budget;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.runlab.platform.AppConfig;
import org.runlab.platform.background.Background;
import org.runlab.platform.cluster.ClusterMaps;
import org.runlab.platform.cluster.SharedMap;

/**
 * The monthly budget and hard cap in force: the configured ones ({@code runlab.budget.monthly-usd},
 * {@code runlab.budget.hard-cap-usd}) unless an admin stored others at run time. A change is
 * stored and audited ({@link BudgetStore}), then told to every member through a shared map: each
 * one reads the stored values again and its {@link BudgetGuard} recomputes the stage at once. The
 * guard also reads them again on every ten-second round, should a notice be lost.
 */
@ApplicationScoped
public class BudgetLimits {
  private static final Logger LOG = Logger.getLogger(BudgetLimits.class.getName());
  static final String NOTICES = "runlab-budget-limits";

  /** The budget in force and whether an admin set it (else it is the configured one). */
  public record Budget(BigDecimal monthlyUsd, BigDecimal hardCapUsd, boolean overridden) {}

  @Inject private AppConfig config;
  @Inject private BudgetStore store;
  @Inject private ClusterMaps cluster;
  @Inject private Event<BudgetLimitsChanged> changes;
  @Inject private Background background;

  private BudgetSettings configured;
  private volatile Budget current;
  private SharedMap notices;

  @PostConstruct
  void init() {
    configured = BudgetSettings.from(config.get());
    current = new Budget(configured.monthlyUsd(), configured.hardCapUsd(), false);
    notices = cluster.map(NOTICES, Duration.ofMinutes(10));
    cluster.watch(NOTICES, value -> background.soon(() -> {
      try {
        reload();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not read the budget an admin set; the next round retries", e);
      }
    }));
  }

  public Budget current() {
    return current;
  }

  public BigDecimal monthlyUsd() {
    return current.monthlyUsd();
  }

  public BigDecimal hardCapUsd() {
    return current.hardCapUsd();
  }

  /** The configured values, which hold while no admin has set others. */
  public BudgetSettings configured() {
    return configured;
  }

  /** Reads the stored values again; tells the guard when they moved. */
  public Budget reload() {
    return reload(true);
  }

  /** Reads the stored values again, telling nobody (the guard, while it starts). */
  Budget reload(boolean tell) {
    Budget before = current;
    Budget next = store.stored()
        .map(s -> new Budget(s[0], s[1], true))
        .orElse(new Budget(configured.monthlyUsd(), configured.hardCapUsd(), false));
    current = next;
    if (tell && !same(before, next)) {
      changes.fire(new BudgetLimitsChanged(next.monthlyUsd(), next.hardCapUsd()));
    }
    return next;
  }

  private static boolean same(Budget a, Budget b) {
    return a.monthlyUsd().compareTo(b.monthlyUsd()) == 0 && a.hardCapUsd().compareTo(b.hardCapUsd()) == 0
        && a.overridden() == b.overridden();
  }

  /**
   * Stores a new budget and hard cap (validated: neither negative, the cap, unless 0 for none, at
   * or above the budget), audited, and makes it hold on every member now.
   */
  public Budget set(BigDecimal monthlyUsd, BigDecimal hardCapUsd, String actor, String reason) {
    store.save(monthlyUsd, hardCapUsd, actor, reason);
    Budget b = reload();
    notices.putIfAbsent(UUID.randomUUID().toString(), monthlyUsd.toPlainString() + "/" + hardCapUsd.toPlainString());
    return b;
  }

  /** Goes back to the configured budget and hard cap, audited, on every member. */
  public Budget reset(String actor, String reason) {
    store.clear(actor, reason);
    Budget b = reload();
    notices.putIfAbsent(UUID.randomUUID().toString(), "configured");
    return b;
  }
}
