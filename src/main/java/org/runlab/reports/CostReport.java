package org.runlab.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A stored cost report: its period and state, and (once completed) its totals and the
 * reconciliation against the ledger and the leases. Amounts are exact; round only to show them.
 *
 * @param grandTotal local runs plus the E2B leases billed in the period
 * @param ledgerLocal the ledger's local run costs, summed straight from {@code run_record}
 * @param ledgerLeases the leases' costs, summed straight from {@code sandbox_lease}
 * @param difference {@code grandTotal - (ledgerLocal + ledgerLeases)}: zero when it reconciles
 * @param e2bElsewhere E2B run shares of this period's runs whose lease is billed in another period
 */
public record CostReport(
    long id,
    long jobInstanceId,
    long executionId,
    String kind,
    LocalDate from,
    LocalDate to,
    String state,
    String requestedBy,
    Instant createdAt,
    Instant completedAt,
    long leaseCount,
    long leaseSeconds,
    long leasePoolIdleSeconds,
    long leaseServingMs,
    BigDecimal leaseCost,
    BigDecimal leaseServingCost,
    BigDecimal leasePoolIdleCost,
    BigDecimal leaseSessionIdleCost,
    BigDecimal e2bElsewhere,
    long openLeases,
    BigDecimal ledgerCost,
    BigDecimal ledgerLocal,
    BigDecimal ledgerLeases,
    BigDecimal grandTotal,
    BigDecimal difference,
    long activeLearners,
    long newSignups,
    BigDecimal freeTiersCost,
    String month,
    BigDecimal monthSpent,
    BigDecimal monthBudget,
    BigDecimal monthHardCap,
    BigDecimal monthForecast) {

  public boolean completed() {
    return "COMPLETED".equals(state);
  }

  /** Whether the grand total equals the ledger's local runs plus the leases, to the cent. */
  public boolean reconciled() {
    return completed() && difference != null && difference.setScale(2, RoundingMode.HALF_UP).signum() == 0;
  }

  /** Seconds the leases spent idle in kept sessions: billed, less the warm pool and the runs served. */
  public long sessionIdleSeconds() {
    return Math.max(0, leaseSeconds - leasePoolIdleSeconds - (leaseServingMs + 999) / 1000);
  }

  /** {@code amount / count}, exact to 16 places; zero when there is nothing to divide by. */
  public static BigDecimal per(BigDecimal amount, long count) {
    return amount == null || count <= 0 ? BigDecimal.ZERO
        : amount.divide(BigDecimal.valueOf(count), 16, RoundingMode.HALF_UP);
  }

  public String getPeriod() {
    return from.equals(to) ? from.toString() : from + " to " + to;
  }

  public long getId() {
    return id;
  }

  public long getExecutionId() {
    return executionId;
  }

  public String getKind() {
    return kind;
  }

  public String getState() {
    return state;
  }

  public LocalDate getFrom() {
    return from;
  }

  public LocalDate getTo() {
    return to;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getCompletedAt() {
    return completedAt;
  }

  public BigDecimal getGrandTotal() {
    return grandTotal;
  }

  public String getRequestedBy() {
    return requestedBy;
  }
}
