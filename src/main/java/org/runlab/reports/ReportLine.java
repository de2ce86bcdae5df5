package org.runlab.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;

/**
 * One row of a report's table: a tier, an engine, a lesson, a learner or one of the most
 * expensive runs, with its runs, time and exact cost; {@code ledgerCost} is the same sum taken
 * straight from the ledger (tiers and engines), to check it against.
 */
public record ReportLine(
    String section, String key, UUID userId, String label, long runs, long refusedRuns, long cpuMs, long wallMs,
    BigDecimal cost, BigDecimal ledgerCost) {

  /** The cost per run, exact to 16 places. */
  public BigDecimal costPerRun() {
    return CostReport.per(cost, runs);
  }

  /** Whether the line's cost equals the ledger's to the cent (true when there is nothing to check). */
  public boolean matchesLedger() {
    return ledgerCost == null || cost.subtract(ledgerCost).setScale(2, RoundingMode.HALF_UP).signum() == 0;
  }

  public String getKey() {
    return key;
  }

  public String getLabel() {
    return label == null ? key : label;
  }

  public long getRuns() {
    return runs;
  }

  public long getRefusedRuns() {
    return refusedRuns;
  }

  public double getCpuSeconds() {
    return cpuMs / 1000.0;
  }

  public double getWallSeconds() {
    return wallMs / 1000.0;
  }

  public BigDecimal getCost() {
    return cost;
  }

  public BigDecimal getLedgerCost() {
    return ledgerCost;
  }

  public BigDecimal getCostPerRun() {
    return costPerRun();
  }

  public boolean isMatchesLedger() {
    return matchesLedger();
  }
}
