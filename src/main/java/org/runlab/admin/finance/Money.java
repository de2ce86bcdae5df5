package org.runlab.admin.finance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the finance pages show amounts (to the cent), times (UTC) and durations. */
@Named("money")
@ApplicationScoped
public class Money {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  /** An amount to the cent, as "12.34". */
  public String usd(BigDecimal amount) {
    return cents(amount).toPlainString();
  }

  static BigDecimal cents(BigDecimal amount) {
    return (amount == null ? BigDecimal.ZERO : amount).setScale(2, RoundingMode.HALF_UP);
  }

  /** An amount below a cent in full (a run's cost), else to the cent. */
  public String small(BigDecimal amount) {
    if (amount == null) {
      return "0.00";
    }
    return amount.abs().compareTo(new BigDecimal("0.01")) < 0 && amount.signum() != 0
        ? amount.stripTrailingZeros().toPlainString() : usd(amount);
  }

  public String time(Instant t) {
    return t == null ? "" : TIME.format(t);
  }

  public String seconds(long seconds) {
    if (seconds < 120) {
      return seconds + " s";
    }
    return seconds < 7200 ? seconds / 60 + " min " + seconds % 60 + " s" : seconds / 3600 + " h " + seconds % 3600 / 60
        + " min";
  }
}
