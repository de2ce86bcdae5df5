package org.runlab.budget;

import java.math.BigDecimal;

/**
 * CDI event fired on each member when the budget level it computes changes; the E2B warm pool
 * observes it to shrink to its minimum from {@link SpendLevel#RESTRICTED} on.
 */
public record SpendLevelChanged(SpendLevel from, SpendLevel to, BigDecimal spentUsd, BigDecimal monthlyUsd) {}
