package org.runlab.admin.finance;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.runlab.budget.BudgetGuard;
import org.runlab.reports.AnomalyFindings;
import org.runlab.reports.CostReport;
import org.runlab.reports.CostReports;
import org.runlab.reports.CostSummary;
import org.runlab.reports.DailySpend;

/** /finance/: this month's spend against the budget, spend per day by engine and tier, the latest report. */
@Named
@RequestScoped
public class FinanceOverviewPage {
  @Inject BudgetGuard budget;
  @Inject CostReports reports;
  @Inject DailySpend daily;
  @Inject AnomalyFindings findings;

  private List<DailySpend.Day> days;
  private Optional<CostReport> latest;

  private List<DailySpend.Day> days() {
    if (days == null) {
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      days = daily.days(today.withDayOfMonth(1), today);
    }
    return days;
  }

  public BigDecimal getSpent() {
    return budget.spentUsd();
  }

  public BigDecimal getBudget() {
    return budget.monthlyUsd();
  }

  public BigDecimal getHardCap() {
    return budget.hardCapUsd();
  }

  public String getLevel() {
    return budget.level().name();
  }

  /** Spent as a share of the monthly budget, 0 to 100 (for the meter). */
  public int getPercent() {
    BigDecimal m = budget.monthlyUsd();
    if (m == null || m.signum() <= 0) {
      return 0;
    }
    return budget.spentUsd().multiply(BigDecimal.valueOf(100)).divide(m, 0, RoundingMode.DOWN).min(BigDecimal.valueOf(100))
        .intValue();
  }

  public BigDecimal getForecast() {
    return CostSummary.forecastThisMonth(budget.spentUsd(), OffsetDateTime.now(ZoneOffset.UTC));
  }

  public String getMonth() {
    return java.time.YearMonth.now(ZoneOffset.UTC).toString();
  }

  public String getEngineChart() {
    return Charts.stacked(days(), DailySpend.Day::byEngine);
  }

  public String getTierChart() {
    return Charts.stacked(days(), DailySpend.Day::byTier);
  }

  public CostReport getLatest() {
    if (latest == null) {
      latest = reports.latestCompleted();
    }
    return latest.orElse(null);
  }

  public long getOpenFindings() {
    return findings.openCount();
  }
}
