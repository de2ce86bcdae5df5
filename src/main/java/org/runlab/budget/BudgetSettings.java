package org.runlab.budget;

import java.math.BigDecimal;
import org.eclipse.microprofile.config.Config;

/**
 * The month's budget and what spending beyond the usual counts as an anomaly.
 *
 * @param monthlyUsd {@code runlab.budget.monthly-usd}; zero or less: no stages
 * @param hardCapUsd {@code runlab.budget.hard-cap-usd}; zero or less: none
 * @param paidRunCostCapUsd over budget, the most one PAID E2B run may cost
 * @param anomalyFactor spending more than this times the usual is an anomaly
 * @param learnerDayMinUsd a learner's day below this is never an anomaly
 * @param hourMinUsd an hour below this is never an anomaly
 */
public record BudgetSettings(
    BigDecimal monthlyUsd,
    BigDecimal hardCapUsd,
    BigDecimal paidRunCostCapUsd,
    BigDecimal anomalyFactor,
    BigDecimal learnerDayMinUsd,
    BigDecimal hourMinUsd) {

  public static BudgetSettings from(Config c) {
    return new BudgetSettings(
        c.getValue("runlab.budget.monthly-usd", BigDecimal.class),
        c.getValue("runlab.budget.hard-cap-usd", BigDecimal.class),
        c.getValue("runlab.budget.paid-run-cost-cap-usd", BigDecimal.class),
        c.getValue("runlab.anomaly.factor", BigDecimal.class),
        c.getValue("runlab.anomaly.learner-day-min-usd", BigDecimal.class),
        c.getValue("runlab.anomaly.hour-min-usd", BigDecimal.class));
  }
}
