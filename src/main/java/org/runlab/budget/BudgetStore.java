package org.runlab.budget;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.Optional;
import org.runlab.platform.StoredSettings;
import org.runlab.platform.audit.AuditLog;
import org.runlab.platform.errors.InvalidInputException;

/** The budget an admin set, in {@code app_setting}, each change audited in the same transaction. */
@Stateless
public class BudgetStore {
  static final String MONTHLY = "budget.monthly-usd";
  static final String HARD_CAP = "budget.hard-cap-usd";
  /** Larger amounts are surely a typing mistake. */
  static final BigDecimal MAX = new BigDecimal("100000000");

  @Inject private StoredSettings settings;
  @Inject private AuditLog audit;

  /** The stored budget and hard cap, when an admin set them. */
  public Optional<BigDecimal[]> stored() {
    Optional<String> m = settings.get(MONTHLY);
    Optional<String> c = settings.get(HARD_CAP);
    if (m.isEmpty() || c.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new BigDecimal[] {new BigDecimal(m.get()), new BigDecimal(c.get())});
  }

  public void save(BigDecimal monthlyUsd, BigDecimal hardCapUsd, String actor, String reason) {
    validate(monthlyUsd, hardCapUsd);
    String before = stored().map(s -> describe(s[0], s[1])).orElse("configured");
    settings.set(MONTHLY, monthlyUsd.stripTrailingZeros().toPlainString());
    settings.set(HARD_CAP, hardCapUsd.stripTrailingZeros().toPlainString());
    audit.record(actor, "budget.set", "monthly budget and hard cap", before, describe(monthlyUsd, hardCapUsd), reason);
  }

  public void clear(String actor, String reason) {
    String before = stored().map(s -> describe(s[0], s[1])).orElse("configured");
    settings.set(MONTHLY, null);
    settings.set(HARD_CAP, null);
    audit.record(actor, "budget.reset", "monthly budget and hard cap", before, "configured", reason);
  }

  static String describe(BigDecimal monthly, BigDecimal cap) {
    return "budget " + monthly.stripTrailingZeros().toPlainString() + " USD, hard cap "
        + (cap.signum() == 0 ? "none" : cap.stripTrailingZeros().toPlainString() + " USD");
  }

  /** Neither negative nor absurd; a hard cap (0: none) at or above the budget. */
  static void validate(BigDecimal monthlyUsd, BigDecimal hardCapUsd) {
    if (monthlyUsd == null) {
      throw InvalidInputException.invalid("monthlyUsd", "Enter the monthly budget in US dollars (0: no stages).");
    }
    if (hardCapUsd == null) {
      throw InvalidInputException.invalid("hardCapUsd", "Enter the hard cap in US dollars (0: none).");
    }
    if (monthlyUsd.signum() < 0) {
      throw InvalidInputException.invalid("monthlyUsd", "The monthly budget cannot be negative.");
    }
    if (hardCapUsd.signum() < 0) {
      throw InvalidInputException.invalid("hardCapUsd", "The hard cap cannot be negative.");
    }
    if (monthlyUsd.compareTo(MAX) > 0) {
      throw InvalidInputException.invalid("monthlyUsd", "The monthly budget is at most " + MAX.toPlainString() + " USD.");
    }
    if (hardCapUsd.compareTo(MAX) > 0) {
      throw InvalidInputException.invalid("hardCapUsd", "The hard cap is at most " + MAX.toPlainString() + " USD.");
    }
    if (monthlyUsd.scale() > 6 || hardCapUsd.scale() > 6) {
      throw InvalidInputException.invalid(monthlyUsd.scale() > 6 ? "monthlyUsd" : "hardCapUsd",
          "Amounts have at most 6 decimals.");
    }
    if (hardCapUsd.signum() > 0 && hardCapUsd.compareTo(monthlyUsd) < 0) {
      throw InvalidInputException.invalid("hardCapUsd", "The hard cap (" + hardCapUsd.toPlainString()
          + " USD) must be at or above the monthly budget (" + monthlyUsd.toPlainString() + " USD); 0 means no cap.");
    }
  }
}
