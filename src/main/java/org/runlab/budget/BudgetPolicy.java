package org.runlab.budget;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.runlab.account.Tier;
import org.runlab.engine.EngineId;
import org.runlab.engine.e2b.E2bEngineService;
import org.runlab.engine.selection.BudgetStage;
import org.runlab.platform.AppConfig;

/**
 * What this month's spending allows a run right now, for the run path: the stage engine selection
 * is told, and the wall time a PAID E2B run gets over budget. The level is the one the
 * {@link BudgetGuard} last computed, told by its change events: reading it here is a field read,
 * where a call into the guard (an EJB singleton) costs about a tenth of a millisecond per request.
 */
@ApplicationScoped
public class BudgetPolicy {
  @Inject private AppConfig config;
  @Inject private E2bEngineService e2b;
  @Inject private BudgetLimits limits;

  private volatile SpendLevel level = SpendLevel.NORMAL;
  private BudgetSettings settings;
  private Pricing pricing;

  @PostConstruct
  void init() {
    settings = BudgetSettings.from(config.get());
    pricing = Pricing.from(config.get());
  }

  void changed(@Observes SpendLevelChanged change) {
    level = change.to();
  }

  /** The monthly budget in force (an admin's, else the configured one). */
  public java.math.BigDecimal monthlyUsd() {
    return limits.monthlyUsd();
  }

  /** The hard cap in force (an admin's, else the configured one). */
  public java.math.BigDecimal hardCapUsd() {
    return limits.hardCapUsd();
  }

  public SpendLevel level() {
    return level;
  }

  /** What engine selection should know of the budget. */
  public BudgetStage selectionStage() {
    return level.selectionStage();
  }

  /**
   * The longest a run of {@code tier} on {@code engine} may take because of the budget: over
   * budget, a PAID run on E2B gets only the wall time its cost cap buys; empty when no cap applies.
   */
  public Optional<Duration> wallCap(EngineId engine, Tier tier) {
    if (engine != EngineId.E2B) {
      return Optional.empty();
    }
    return BudgetGuard.e2bWallCap(level, tier, settings.paidRunCostCapUsd(), pricing, e2b.sandboxSize());
  }
}
