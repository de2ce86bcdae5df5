package org.runlab.engine.selection;

/** How far this month's spending lets runs use the paid E2B cloud (set by the quota service). */
public enum BudgetStage {
  /** E2B for every tier that includes it. */
  NORMAL,
  /** E2B only when the local sandbox cannot take the run. */
  PREFER_LOCAL,
  /** E2B only for the PAID tier. */
  PAID_ONLY,
  /** No E2B at all. */
  NO_E2B
}
