package org.runlab.admin;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.runlab.budget.BudgetGuard;
import org.runlab.budget.BudgetLimits;
import org.runlab.budget.SpendQuery;
import org.runlab.platform.errors.InvalidInputException;

/**
 * Money: set the monthly budget and the hard cap at run time (stored, audited, in force on every
 * instance at once, validated), see this month's spending per day by engine and by tier, and
 * export it as CSV.
 */
@Named
@ViewScoped
public class MoneyPage implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject private transient BudgetLimits limits;
  @Inject private transient BudgetGuard guard;
  @Inject private transient SpendQuery spend;
  @Inject private transient Console console;

  private String monthlyUsd;
  private String hardCapUsd;
  private String reason;
  private transient List<SpendQuery.DaySpend> days;

  public String getMonthlyUsd() {
    return monthlyUsd != null ? monthlyUsd : limits.monthlyUsd().stripTrailingZeros().toPlainString();
  }

  public void setMonthlyUsd(String v) {
    monthlyUsd = v;
  }

  public String getHardCapUsd() {
    return hardCapUsd != null ? hardCapUsd : limits.hardCapUsd().stripTrailingZeros().toPlainString();
  }

  public void setHardCapUsd(String v) {
    hardCapUsd = v;
  }

  public void save() {
    String m = getMonthlyUsd();
    String c = getHardCapUsd();
    console.act(() -> {
      BigDecimal monthly = amount("monthlyUsd", m, "monthly budget");
      BigDecimal cap = amount("hardCapUsd", c, "hard cap");
      limits.set(monthly, cap, console.actor(), reason);
    }, () -> "Saved: the budget is " + console.usd(limits.monthlyUsd()) + " and the hard cap "
        + console.usd(limits.hardCapUsd()) + " on every instance; the stage is now " + guard.level() + ".");
    if (!FacesContext.getCurrentInstance().isValidationFailed()) {
      monthlyUsd = null;
      hardCapUsd = null;
    }
  }

  public void useConfigured() {
    console.act(() -> limits.reset(console.actor(), reason),
        () -> "The configured budget and hard cap hold again; the stage is now " + guard.level() + ".");
    monthlyUsd = null;
    hardCapUsd = null;
  }

  private static BigDecimal amount(String field, String text, String what) {
    String t = text == null ? "" : text.strip().replace(",", "");
    if (t.startsWith("$")) {
      t = t.substring(1).strip();
    }
    if (t.isEmpty()) {
      throw InvalidInputException.invalid(field, "Enter the " + what + " in US dollars.");
    }
    try {
      return new BigDecimal(t);
    } catch (NumberFormatException e) {
      throw InvalidInputException.invalid(field, "'" + text.strip() + "' is not an amount of US dollars (like 250 or 99.50).");
    }
  }

  public BudgetLimits.Budget getBudget() {
    return limits.current();
  }

  public BudgetGuard getGuard() {
    return guard;
  }

  private List<SpendQuery.DaySpend> days() {
    if (days == null) {
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      OffsetDateTime start = YearMonth.from(now).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
      days = spend.byDay(start, now.plusSeconds(1));
    }
    return days;
  }

  private List<String> dayLabels() {
    List<String> labels = new ArrayList<>();
    YearMonth month = YearMonth.now(ZoneOffset.UTC);
    int today = OffsetDateTime.now(ZoneOffset.UTC).getDayOfMonth();
    for (int d = 1; d <= today; d++) {
      labels.add(month.atDay(d).toString());
    }
    return labels;
  }

  /** Spending per day as the budget counts it: local runs, and E2B leases. */
  public String getEngineChart() {
    Map<String, Map<String, BigDecimal>> series = new TreeMap<>();
    for (SpendQuery.DaySpend d : days()) {
      if (d.engine().equals("local") || d.engine().equals("e2b-leases")) {
        series.computeIfAbsent(d.engine().equals("local") ? "local sandbox" : "E2B leases", k -> new TreeMap<>())
            .merge(d.day().toString(), d.costUsd(), BigDecimal::add);
      }
    }
    return Charts.stackedBars("Spending per day by engine (USD)", dayLabels(), series, "USD");
  }

  /** The ledger's run costs per day by tier (an E2B run counts its share of its lease). */
  public String getTierChart() {
    Map<String, Map<String, BigDecimal>> series = new TreeMap<>();
    for (SpendQuery.DaySpend d : days()) {
      if (!d.engine().equals("e2b-leases")) {
        series.computeIfAbsent(d.tier(), k -> new TreeMap<>()).merge(d.day().toString(), d.costUsd(), BigDecimal::add);
      }
    }
    return Charts.stackedBars("Run costs per day by tier (USD)", dayLabels(), series, "USD");
  }

  /** The month's spending per day, engine and tier, as CSV (Apache Commons CSV). */
  public void exportCsv() {
    if (!console.admin()) {
      console.refuse();
      return;
    }
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext ext = faces.getExternalContext();
    ext.responseReset();
    ext.setResponseContentType("text/csv; charset=UTF-8");
    ext.setResponseHeader("Content-Disposition", "attachment; filename=\"runlab-spend-"
        + YearMonth.now(ZoneOffset.UTC) + ".csv\"");
    try (Writer out = new OutputStreamWriter(ext.getResponseOutputStream(), StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
            .setHeader("day", "engine", "tier", "runs", "cost_usd").get())) {
      for (SpendQuery.DaySpend d : days()) {
        csv.printRecord(d.day(), d.engine(), d.tier(), d.runs(), d.costUsd().stripTrailingZeros().toPlainString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    faces.responseComplete();
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
