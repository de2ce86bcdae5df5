package org.runlab.engine.selection;

/**
 * CDI event fired on each member when the budget stage it computes changes: engines that keep
 * paid capacity warm (E2B's pool) shrink it while the stage keeps E2B from some tiers.
 */
public record BudgetStageChanged(BudgetStage from, BudgetStage to) {}
