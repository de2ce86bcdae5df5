package org.runlab.quota;

import java.math.BigDecimal;

/**
 * CDI event fired on each member when the budget level it computes changes; the E2B warm pool
 * observes it to shrink to its minimum from {@link BudgetLevel#RESTRICTED} on.
 */
public record BudgetLevelChanged(BudgetLevel from, BudgetLevel to, BigDecimal spentUsd, BigDecimal monthlyUsd) {}
