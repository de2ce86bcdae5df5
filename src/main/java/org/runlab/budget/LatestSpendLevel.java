package org.runlab.budget;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.runlab.engine.selection.BudgetStage;

/**
 * The budget level as the {@link BudgetGuard} last computed it, told by its change events, for the
 * run path: reading it here is a field read, where a call into the guard (an EJB singleton) costs
 * about a tenth of a millisecond of CPU per request.
 */
@ApplicationScoped
public class LatestSpendLevel {
  private volatile SpendLevel level = SpendLevel.NORMAL;

  void changed(@Observes SpendLevelChanged change) {
    level = change.to();
  }

  public SpendLevel level() {
    return level;
  }

  /** What engine selection should know of the budget. */
  public BudgetStage selectionStage() {
    return level.selectionStage();
  }
}
