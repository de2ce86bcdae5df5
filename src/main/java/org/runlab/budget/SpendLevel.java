package org.runlab.budget;

import java.math.BigDecimal;
import org.runlab.engine.selection.BudgetStage;

/** How far this month's spending has gone against the budget, and what that switches off. */
public enum SpendLevel {
  /** Under 80% of the monthly budget. */
  NORMAL,
  /** 80% or more: an alert, nothing switched off yet. */
  ALERT,
  /** 90% or more: FREE and ANONYMOUS no longer use E2B; the warm pool shrinks to its minimum. */
  RESTRICTED,
  /** 100% or more: E2B only for PAID runs, each under a cost cap. */
  OVER,
  /** At or above the hard cap: no E2B at all. */
  HARD_CAP;

  /** The level {@code spent} reaches; a budget or hard cap of zero or less means none. */
  public static SpendLevel of(BigDecimal spent, BigDecimal monthly, BigDecimal hardCap) {
    if (hardCap != null && hardCap.signum() > 0 && spent.compareTo(hardCap) >= 0) {
      return HARD_CAP;
    }
    if (monthly == null || monthly.signum() <= 0) {
      return NORMAL;
    }
    if (spent.compareTo(monthly) >= 0) {
      return OVER;
    }
    if (spent.compareTo(monthly.multiply(new BigDecimal("0.9"))) >= 0) {
      return RESTRICTED;
    }
    if (spent.compareTo(monthly.multiply(new BigDecimal("0.8"))) >= 0) {
      return ALERT;
    }
    return NORMAL;
  }

  /** What engine selection is told. */
  public BudgetStage selectionStage() {
    return switch (this) {
      case NORMAL, ALERT -> BudgetStage.NORMAL;
      case RESTRICTED, OVER -> BudgetStage.PAID_ONLY;
      case HARD_CAP -> BudgetStage.NO_E2B;
    };
  }

  /** Whether the E2B warm pool should hold only its minimum. */
  public boolean shrinkWarmPool() {
    return compareTo(RESTRICTED) >= 0;
  }
}
