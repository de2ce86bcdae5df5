package org.runlab.budget;

import java.math.BigDecimal;
import org.eclipse.microprofile.config.Config;

/**
 * The month's budget and its cap on PAID runs over it.
 *
 * @param monthlyUsd {@code runlab.budget.monthly-usd}; zero or less: no stages
 * @param hardCapUsd {@code runlab.budget.hard-cap-usd}; zero or less: none
 * @param paidRunCostCapUsd over budget, the most one PAID E2B run may cost
 */
public record BudgetSettings(BigDecimal monthlyUsd, BigDecimal hardCapUsd, BigDecimal paidRunCostCapUsd) {

  public static BudgetSettings from(Config c) {
    return new BudgetSettings(
        c.getValue("runlab.budget.monthly-usd", BigDecimal.class),
        c.getValue("runlab.budget.hard-cap-usd", BigDecimal.class),
        c.getValue("runlab.budget.paid-run-cost-cap-usd", BigDecimal.class));
  }
}
